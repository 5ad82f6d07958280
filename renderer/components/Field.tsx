import type { InputHTMLAttributes, ReactNode } from 'react';

type FieldProps = { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input; the hint is its description, not part of its name ("议题", not "议题 还可输入 100 字"). */
export function Field({ label, hint, id, ...input }: FieldProps) {
  const fieldId = id ?? `field-${input.name ?? label}`;
  const hintId = `${fieldId}-hint`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={fieldId}>
        {label}
        {input.required && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </label>
      <input id={fieldId} aria-describedby={hint ? hintId : undefined} {...input} />
      {hint && (
        <span className="field-hint" id={hintId}>
          {hint}
        </span>
      )}
    </div>
  );
}

export function ErrorNote({ message }: { message: string | null }) {
  return message ? (
    <p className="error-note" role="alert">
      {message}
    </p>
  ) : null;
}
