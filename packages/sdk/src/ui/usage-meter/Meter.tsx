'use client';
import { useEntitlement } from '@billingos/sdk';
import { useUI } from '../options/useUI';
import { ErrorNotice } from '../shared/ErrorNotice';
import { useFeatureName } from '../shared/useFeatureName';

/** One feature's usage: `usage of limit` with a bar and the reset date, or unlimited, or included. */
export function Meter({ feature }: { feature: string }) {
  const ui = useUI();
  const { t } = ui;
  const result = useEntitlement(feature);
  const { entitlement, error, isLoading } = result;
  const name = useFeatureName(feature);
  if (!entitlement && error) return <ErrorNotice error={error} retry={[result]} />;

  const loading = (!entitlement && isLoading) || name === undefined;
  let value: string = t('notIncluded');
  let bar = null;
  if (loading) value = '…';
  else if (entitlement?.type === 'boolean') value = t('included');
  else if (entitlement?.type === 'metered') {
    const { usage, limit, resetsAt } = entitlement;
    value = limit === null ? t('usedUnlimited', { usage: ui.number(usage) }) : t('usageOf', { usage: ui.number(usage), limit: ui.number(limit) });
    const share = limit === null ? 0 : limit > 0 ? Math.min(1, usage / limit) : 1;
    bar = (
      <>
        {limit === null ? (
          <span className="billingos-badge">{t('unlimited')}</span>
        ) : (
          <div
            className="billingos-meter-bar"
            role="meter"
            aria-label={name}
            aria-valuemin={0}
            aria-valuemax={limit}
            aria-valuenow={Math.min(usage, limit)}
            aria-valuetext={value}
            data-level={share >= 1 ? 'full' : share >= 0.8 ? 'high' : undefined}
          >
            <div className="billingos-meter-fill" style={{ width: `${share * 100}%` }} />
          </div>
        )}
        {resetsAt && <p className="billingos-muted billingos-small">{t('resetsOn', { date: ui.date(resetsAt) })}</p>}
      </>
    );
  }
  return (
    <div className="billingos-meter" aria-busy={loading || undefined}>
      <div className="billingos-meter-header">
        <span className="billingos-meter-name">{name}</span>
        <span className="billingos-meter-value">{value}</span>
      </div>
      {bar}
    </div>
  );
}
