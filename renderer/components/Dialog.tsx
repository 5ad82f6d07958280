import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round the dialog's own controls instead of leaving for the browser's toolbar. */
function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
  if (event.key !== 'Tab') return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)].filter((e) => e.offsetParent);
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !event.currentTarget.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

type ModalProps = {
  labelledBy: string;
  className?: string;
  /** Esc, the cancel button or the dialog closing for any other reason. */
  onClose(): void;
  children: ReactNode;
};

/**
 * The app's one modal: a native <dialog> opened with showModal(), so the page behind is inert; Tab stays inside,
 * Esc closes it, and focus goes back where it was.
 */
export function Modal({ labelledBy, className = 'dialog', onClose, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const element = dialog.current;
    element?.showModal();
    // showModal() focuses the first control; a dialog may name a better one (the answer Enter should give).
    element?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      element?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={labelledBy}
      onClose={onClose}
      onKeyDown={keepFocusInside}
    >
      {children}
    </dialog>
  );
}

type Question = {
  title: string;
  message: string;
  /** The confirming button's words, e.g. "结束会议"; a plain OK when absent. */
  confirm?: string;
  cancel?: string;
  /** An irreversible step: the button is red. */
  danger?: boolean;
};
type Pending = Question & { id: number; alert: boolean; answer(ok: boolean): void };

const useQuestions = create<{ queue: Pending[] }>(() => ({ queue: [] }));
let asked = 0;

function ask(question: Question, alert: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const pending: Pending = {
      ...question,
      id: ++asked,
      alert,
      answer(ok) {
        useQuestions.setState((s) => ({ queue: s.queue.filter((q) => q !== pending) }));
        resolve(ok);
      },
    };
    useQuestions.setState((s) => ({ queue: [...s.queue, pending] }));
  });
}

/** Ask before a step; resolves true only when the secretary confirms (Enter confirms, Esc declines). */
export const confirmDialog = (question: Question) => ask(question, false);

/** Tell the secretary something that needs reading before going on. */
export const alertDialog = (question: Omit<Question, 'cancel' | 'danger'>) => ask(question, true).then(() => undefined);

/** Mounted once at the root: shows the questions one at a time. */
export function DialogHost() {
  const current = useQuestions((s) => s.queue[0]);
  return current ? <QuestionDialog key={current.id} pending={current} /> : null;
}

function QuestionDialog({ pending }: { pending: Pending }) {
  const { t } = useTranslation();
  const titleId = useId();
  const messageId = useId();
  return (
    <Modal labelledBy={titleId} className="dialog question" onClose={() => pending.answer(false)}>
      <form
        method="dialog"
        className="form"
        aria-describedby={messageId}
        onSubmit={(event) => {
          event.preventDefault();
          pending.answer(true);
        }}
      >
        <h2 id={titleId}>{pending.title}</h2>
        <p id={messageId} className="question-message">
          {pending.message}
        </p>
        <div className="form-actions">
          {!pending.alert && (
            <button className="button" type="button" onClick={() => pending.answer(false)}>
              {pending.cancel ?? t('common.cancel')}
            </button>
          )}
          <button className={pending.danger ? 'button danger' : 'button primary'} type="submit" data-autofocus>
            {pending.confirm ?? t('common.ok')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
