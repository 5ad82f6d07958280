import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from './Dialog';
import { ErrorNote } from './Field';

type FormDialogProps = {
  title: string;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  /** Resolves true when saved: the dialog then closes; a refusal keeps it open with the message shown. */
  onSubmit(): Promise<boolean>;
  onClose(): void;
  className?: string;
  children: ReactNode;
};

/** A modal form: Esc or Cancel closes it, Enter submits, the main side's refusal shows under the fields. */
export function FormDialog({
  title,
  submitLabel,
  busy,
  error,
  onSubmit,
  onClose,
  className,
  children,
}: FormDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Modal labelledBy={titleId} className={className} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void onSubmit().then((saved) => saved && onClose());
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        <ErrorNote message={error} />
        <div className="form-actions">
          <button className="button" type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button className="button primary" type="submit" disabled={busy}>
            {busy ? t('common.saving') : submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
