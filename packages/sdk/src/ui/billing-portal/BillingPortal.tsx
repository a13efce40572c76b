'use client';
import { useId, useRef, useState } from 'react';
import { useProducts, useSubscriptions } from '@billingos/sdk';
import { defaultLocalization } from '../options/Localization';
import type { UIOptions } from '../options/UIOptions';
import { useUI } from '../options/useUI';
import { PricingTable } from '../pricing-table/PricingTable';
import { ErrorNotice } from '../shared/ErrorNotice';
import { findActive } from '../shared/findActive';
import { Root, splitOptions } from '../shared/Root';
import { Skeleton } from '../shared/Skeleton';
import { CurrentPlan } from './CurrentPlan';
import { UsageList } from './UsageList';

export type BillingPortalProps = UIOptions;

/**
 * The customer's billing page: plan, price, status, renewal or trial end, a scheduled change
 * (with a way to keep the current plan), cancel and resume, change plan, and a meter for each
 * metered feature. A customer without a plan sees the plans; a signed-out one is told to sign in.
 *
 * @example
 * import { BillingPortal } from '@billingos/sdk/ui';
 * import '@billingos/sdk/ui/styles.css';
 *
 * <BillingOSProvider sessionTokenUrl="/api/billingos-session">
 *   <BillingPortal />
 * </BillingOSProvider>
 */
export function BillingPortal(props: BillingPortalProps) {
  const [options] = splitOptions(props);
  return (
    <Root options={options} as="section" className="billingos-portal" aria-label={options.localization?.billing ?? defaultLocalization.billing}>
      <Portal />
    </Root>
  );
}

function Portal() {
  const { t } = useUI();
  const plansId = useId();
  const [plansOpen, setPlansOpen] = useState(false);
  // After subscribing from the empty state the table (and its dialog's opener) goes: focus moves to the new plan.
  const wasEmpty = useRef(false);
  const subscriptions = useSubscriptions();
  const products = useProducts();

  const error = subscriptions.error ?? products.error;
  if (!subscriptions.data || !products.data) return error ? <ErrorNotice error={error} retry={[subscriptions, products]} /> : <Skeleton rows={4} />;

  const active = findActive(subscriptions.data);
  if (!active) {
    wasEmpty.current = true;
    return (
      <>
        <div className="billingos-card billingos-empty">
          <h2 className="billingos-plan-title">{t('noPlanTitle')}</h2>
          <p className="billingos-muted">{t('noPlanBody')}</p>
        </div>
        <PricingTable />
      </>
    );
  }
  return (
    <>
      <CurrentPlan focusOnMount={wasEmpty.current} subscription={active} products={products.data} plansOpen={plansOpen} plansId={plansId} onTogglePlans={() => setPlansOpen(!plansOpen)} />
      <div id={plansId} hidden={!plansOpen}>
        {plansOpen && <PricingTable />}
      </div>
      <UsageList />
    </>
  );
}
