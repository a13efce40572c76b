'use client';
import { useState } from 'react';
import { useEntitlement } from '@billingos/sdk';
import { Dialog } from '../dialog/Dialog';
import { useUI } from '../options/useUI';
import { PricingTable } from '../pricing-table/PricingTable';
import { useFeatureName } from '../shared/useFeatureName';

/** Why the feature is out of reach (not in the plan, or used up until a date) and a way to the plans. */
export function PaywallCard({ feature }: { feature: string }) {
  const ui = useUI();
  const { t } = ui;
  const { entitlement, resetsAt } = useEntitlement(feature);
  const [open, setOpen] = useState(false);
  const name = useFeatureName(feature);
  if (name === undefined) return null;
  const title = t('paywallTitle', { feature: name });
  return (
    <div className="billingos-card billingos-paywall-card">
      <h3 className="billingos-card-title">{title}</h3>
      <p className="billingos-muted">
        {entitlement ? t('paywallSpent', { feature: name }) : t('paywallBody', { feature: name })}
        {entitlement && resetsAt && ` ${t('resetsOn', { date: ui.date(resetsAt) })}.`}
      </p>
      <button type="button" className="billingos-button billingos-button-primary" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('seePlans')}
      </button>
      {open && (
        <Dialog title={title} onClose={() => setOpen(false)} wide>
          <PricingTable />
          <div className="billingos-actions">
            <button type="button" className="billingos-button" onClick={() => setOpen(false)}>
              {t('close')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
