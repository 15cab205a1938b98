import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

/**
 * A modal dialog (the native <dialog>: focus kept inside, Escape cancels). Its content is a form whose
 * submit is the confirmation.
 */
export function Dialog({ title, children, onSubmit, onCancel, submitLabel, cancelLabel, busy, danger }: {
  title: string;
  children: ReactNode;
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  cancelLabel: string;
  busy?: boolean;
  danger?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    const cancel = (e: Event) => {
      e.preventDefault();
      onCancel();
    };
    d.addEventListener('cancel', cancel);
    return () => {
      d.removeEventListener('cancel', cancel);
      d.close();
    };
  }, [onCancel]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  return (
    <dialog ref={ref} className="dialog" aria-label={title}>
      <form onSubmit={submit}>
        <h2>{title}</h2>
        {children}
        <div className="dialog-buttons">
          <button type="button" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
