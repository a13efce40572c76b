'use client';
import { useUI } from '../options/useUI';
import { errorLabel } from './errorLabel';

interface ErrorNoticeProps {
  error: Error;
  onRetry: () => void;
}

/** Why billing could not load and what to do: sign in (401), ask for access (403), or try again. */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useUI();
  const label = errorLabel(error);
  return (
    <div role="alert" className="billingos-notice billingos-notice-error">
      <p>{t(label)}</p>
      {label !== 'signedOut' && (
        <button type="button" className="billingos-button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
