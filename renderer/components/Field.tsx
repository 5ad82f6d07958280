import type { InputHTMLAttributes, ReactNode } from 'react';

type FieldProps = { label: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>;

export function Field({ label, hint, id, ...input }: FieldProps) {
  const fieldId = id ?? `field-${input.name ?? label}`;
  return (
    <label className="field" htmlFor={fieldId}>
      <span className="field-label">
        {label}
        {input.required && (
          <span className="field-required" aria-hidden="true">
            {' '}
            *
          </span>
        )}
      </span>
      <input id={fieldId} {...input} />
      {hint && <span className="field-hint">{hint}</span>}
    </label>
  );
}

export function ErrorNote({ message }: { message: string | null }) {
  return message ? (
    <p className="error-note" role="alert">
      {message}
    </p>
  ) : null;
}
