'use client';
import { useState, type ReactNode } from 'react';
import { useUI } from '../options/useUI';
import { Dialog } from './Dialog';
import { ErrorText } from '../shared/ErrorText';

export interface ConfirmDialogProps {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Runs the change; resolves to whether it worked (the dialog then closes). */
  onConfirm: () => Promise<boolean>;
  onClose: () => void;
  /** The failure to show after `onConfirm` resolved `false`. */
  error: Error | null;
  /** A destructive action: its button is red and focus starts on the way back. */
  danger?: boolean;
}

/** A yes/no dialog for a billing change that shows progress and keeps the dialog open on failure. */
export function ConfirmDialog({ title, description, confirmLabel, onConfirm, onClose, error, danger = false }: ConfirmDialogProps) {
  const { t } = useUI();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    const ok = await onConfirm();
    setBusy(false);
    if (ok) onClose();
    else setFailed(true);
  };
  return (
    <Dialog title={title} description={description} onClose={onClose} busy={busy}>
      {failed && error && <ErrorText error={error} />}
      <div className="billingos-actions">
        <button type="button" className="billingos-button" onClick={() => busy || onClose()} aria-disabled={busy || undefined} data-autofocus={danger || undefined}>
          {t('back')}
        </button>
        <button
          type="button"
          className={danger ? 'billingos-button billingos-button-danger' : 'billingos-button billingos-button-primary'}
          onClick={() => void confirm()}
          aria-disabled={busy || undefined}
          data-autofocus={!danger || undefined}
        >
          {busy ? t('working') : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
