'use client';
import { useUI } from '../options/useUI';
import { errorLabel } from './errorLabel';

interface ErrorNoticeProps {
  error: Error;
  /** What "Try again" fetches again (the hooks' results). */
  retry: { refetch: () => Promise<unknown> }[];
}

/** Why billing could not load and what to do: sign in (401, a link to `signInUrl`), ask for access (403), or try again. */
export function ErrorNotice({ error, retry }: ErrorNoticeProps) {
  const { t, signInUrl } = useUI();
  const label = errorLabel(error);
  return (
    <div role="alert" className="billingos-notice billingos-notice-error">
      <p>{t(label)}</p>
      {label !== 'signedOut' ? (
        <button type="button" className="billingos-button" onClick={() => void Promise.all(retry.map((query) => query.refetch())).catch(() => {})}>
          {t('retry')}
        </button>
      ) : (
        signInUrl && (
          <a className="billingos-button" href={signInUrl}>
            {t('signIn')}
          </a>
        )
      )}
    </div>
  );
}
