'use client';
import { useEffect, useRef } from 'react';
import type { Translate } from './labels';

interface RequiredActionStepProps {
  t: Translate;
  /** The bank's confirmation page. */
  url: string;
  busy: boolean;
  /** Asks the API again whether the bank confirmed. */
  resume: () => void;
}

/**
 * The bank wants the buyer to confirm (3-D Secure): a link that opens its page in a new tab, and a
 * button to finish once done. Coming back to this tab after opening the page finishes too.
 */
export function RequiredActionStep({ t, url, busy, resume }: RequiredActionStepProps) {
  const opened = useRef(false);
  const latest = useRef(resume);
  latest.current = resume;

  useEffect(() => {
    const back = () => {
      if (opened.current && document.visibilityState === 'visible') latest.current();
    };
    window.addEventListener('focus', back);
    document.addEventListener('visibilitychange', back);
    return () => {
      window.removeEventListener('focus', back);
      document.removeEventListener('visibilitychange', back);
    };
  }, []);

  return (
    <div role="status" className="billingos-notice">
      <p>{t('requiresAction')}</p>
      <div className="billingos-actions billingos-actions-start">
        <a className="billingos-button billingos-button-primary" href={url} target="_blank" rel="noopener noreferrer" onClick={() => (opened.current = true)}>
          {t('authenticate')} <span className="billingos-sr-only">{t('opensInNewTab')}</span>
        </a>
        <button type="button" className="billingos-button" disabled={busy} aria-busy={busy || undefined} onClick={resume}>
          {busy ? t('processing') : t('finish')}
        </button>
      </div>
    </div>
  );
}
