'use client';
import { useEntitlements } from '@billingos/sdk';
import { useUI } from '../options/useUI';
import { Meter } from '../usage-meter/Meter';

/** A meter for each metered feature of the plan; nothing when the plan meters nothing. */
export function UsageList() {
  const { t } = useUI();
  const { data } = useEntitlements();
  const metered = (data ?? []).filter((e) => e.type === 'metered');
  if (metered.length === 0) return null;
  return (
    <div className="billingos-card">
      <h3 className="billingos-card-title">{t('usage')}</h3>
      <div className="billingos-meters">
        {metered.map((e) => (
          <Meter key={e.featureKey} feature={e.featureKey} />
        ))}
      </div>
    </div>
  );
}
