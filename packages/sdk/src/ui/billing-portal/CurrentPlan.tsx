'use client';
import { useEffect, useRef, useState } from 'react';
import { useCancelSubscription, useUpdateSubscription, type Product, type Subscription } from '@billingos/sdk';
import { ConfirmDialog } from '../dialog/ConfirmDialog';
import { useUI } from '../options/useUI';
import { ErrorText } from '../shared/ErrorText';

interface CurrentPlanProps {
  subscription: Subscription;
  products: Product[];
  plansOpen: boolean;
  plansId: string;
  onTogglePlans: () => void;
  focusOnMount?: boolean;
}

/** The plan, its price and status, the next date that matters, a scheduled change, and the plan's actions. */
export function CurrentPlan({ subscription, products, plansOpen, plansId, onTogglePlans, focusOnMount }: CurrentPlanProps) {
  const ui = useUI();
  const { t } = ui;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
    // Only when the plan first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const cancel = useCancelSubscription();
  const { updateSubscription: update, isPending, error } = useUpdateSubscription();
  const { price, status, cancelAtPeriodEnd, scheduledChange } = subscription;
  const plan = products.find((p) => p.id === subscription.productId)?.name ?? '';
  const end = ui.date(subscription.currentPeriodEnd);
  const next = scheduledChange && products.flatMap((p) => p.prices.map((price) => ({ name: p.name, price }))).find((p) => p.price.id === scheduledChange.priceId);

  const keepPlan = async () => {
    if (await update(subscription.id, { scheduledChange: null })) heading.current?.focus();
  };

  return (
    <div className="billingos-card">
      <div className="billingos-card-header">
        <div>
          <p className="billingos-eyebrow">{t('yourPlan')}</p>
          <h2 ref={heading} tabIndex={-1} className="billingos-plan-title">
            {plan}
          </h2>
        </div>
        <span className={cancelAtPeriodEnd ? 'billingos-badge billingos-badge-warning' : 'billingos-badge billingos-badge-success'}>
          {t(cancelAtPeriodEnd ? 'canceling' : status === 'trialing' ? 'trialing' : 'active')}
        </span>
      </div>
      <p className="billingos-price">
        <span className="billingos-price-amount">{ui.money(price)}</span> <span className="billingos-price-interval">{ui.interval(price)}</span>
      </p>
      <p className="billingos-muted">
        {cancelAtPeriodEnd
          ? t('endsOn', { date: end })
          : status === 'trialing' && subscription.trialEnd
            ? t('trialEndsOn', { date: ui.date(subscription.trialEnd) })
            : t('renewsOn', { date: end })}
      </p>
      {scheduledChange && next && (
        <div className="billingos-notice">
          <p>{t('scheduledChange', { plan: next.name, price: ui.money(next.price), interval: ui.interval(next.price), date: ui.date(scheduledChange.effectiveAt) })}</p>
          <button type="button" className="billingos-button" aria-disabled={isPending || undefined} onClick={() => isPending || void keepPlan()}>
            {t('keepPlan', { plan })}
          </button>
        </div>
      )}
      {error && <ErrorText error={error} />}
      <div className="billingos-actions billingos-actions-start">
        <button type="button" className="billingos-button billingos-button-primary" aria-expanded={plansOpen} aria-controls={plansId} onClick={onTogglePlans}>
          {t(plansOpen ? 'hidePlans' : 'changePlan')}
        </button>
        <button
          type="button"
          className="billingos-button"
          aria-disabled={isPending || undefined}
          onClick={() => isPending || (cancelAtPeriodEnd ? void update(subscription.id, { cancelAtPeriodEnd: false }) : setConfirmCancel(true))}
        >
          {t(cancelAtPeriodEnd ? 'resumePlan' : 'cancelPlan')}
        </button>
      </div>
      {confirmCancel && (
        <ConfirmDialog
          title={t('cancelTitle', { plan })}
          description={t('cancelBody', { plan, date: end })}
          confirmLabel={t('cancelPlan')}
          onConfirm={async () => !!(await cancel.cancelSubscription(subscription.id, { atPeriodEnd: true }))}
          onClose={() => setConfirmCancel(false)}
          error={cancel.error}
          danger
        />
      )}
    </div>
  );
}
