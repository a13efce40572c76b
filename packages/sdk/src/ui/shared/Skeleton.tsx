'use client';
import { useUI } from '../options/useUI';

/** A placeholder while billing loads; screen readers hear "Loading billing…" once. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  const { t } = useUI();
  return (
    <div className="billingos-skeleton" role="status" aria-live="polite">
      <span className="billingos-sr-only">{t('loading')}</span>
      {Array.from({ length: rows }, (_, index) => (
        <div key={index} className="billingos-skeleton-line" aria-hidden="true" />
      ))}
    </div>
  );
}
