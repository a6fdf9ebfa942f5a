import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../shared/i18n/texts';

/**
 * A modal question (the browser's own <dialog>: focus kept inside, Escape cancels, focus goes
 * back where it was when it closes).
 */
export function ConfirmDialog({ title, confirm, children, onConfirm, onCancel, busy }: { title: string; confirm: string; children: ReactNode; onConfirm: () => void; onCancel: () => void; busy?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('ui.dialog.cancel')}
        </button>
        <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
