'use client';
import { useState } from 'react';
import { useBillingOS, useChangePlan, useCreateSubscription, type Price, type Product, type Subscription } from '@billingos/sdk';
import { ConfirmDialog } from '../dialog/ConfirmDialog';
import { useUI } from '../options/useUI';
import type { PlanAction } from './planAction';
import { toCheckout } from './toCheckout';

export interface PlanChoice {
  product: Product;
  price: Price;
  action: PlanAction;
}

interface PlanChangeDialogProps {
  choice: PlanChoice;
  active: Subscription | null;
  currentName: string;
  onDone: (message: string) => void;
  onClose: () => void;
}

/**
 * Confirms a subscribe, an upgrade (now) or a downgrade (at the period end), then makes it. A
 * paid plan without a trial, from no plan or a free one, is paid for on the checkout page first.
 */
export function PlanChangeDialog({ choice: { product, price, action }, active, currentName, onDone, onClose }: PlanChangeDialogProps) {
  const { t, money, interval, date, toCheckout: leave } = useUI();
  const create = useCreateSubscription();
  const change = useChangePlan();
  const client = useBillingOS();
  const [leaving, setLeaving] = useState<Error | null>(null);
  const values = { plan: product.name, price: money(price), interval: interval(price), current: currentName };

  let title = t('changeTitle', values);
  let body = t('changeNowBody', values);
  let done = t('subscribed', values);
  let confirmLabel = t('confirm');
  let run: () => Promise<unknown> = () => change.changePlan(active!.id, price.id);
  if (action.kind === 'subscribe') {
    title = t('subscribeTitle', values);
    body = t(action.trialDays > 0 ? 'trialBody' : 'subscribeBody', { ...values, days: action.trialDays });
    run = () => create.createSubscription({ priceId: price.id });
  }
  if (price.amount > 0 && (action.kind === 'subscribe' ? !action.trialDays : action.kind === 'upgrade' && !active!.price.amount)) {
    body = t('checkoutBody', values);
    confirmLabel = t('toPayment');
    run = () => toCheckout(client, price.id, leave).catch(setLeaving);
  } else if (action.kind === 'downgrade') {
    body = t('downgradeBody', { ...values, date: date(action.effectiveAt) });
    done = t('changeScheduled', { ...values, date: date(action.effectiveAt) });
    // A canceling subscription has no next period to change in: the downgrade also resumes it.
    run = () => change.changePlan(active!.id, price.id, active!.cancelAtPeriodEnd ? { effective: 'period_end', cancelAtPeriodEnd: false } : { effective: 'period_end' });
  }

  const confirm = async () => {
    const ok = !!(await run());
    if (ok) onDone(done);
    return ok;
  };
  return <ConfirmDialog title={title} description={body} confirmLabel={confirmLabel} onConfirm={confirm} onClose={onClose} error={leaving ?? create.error ?? change.error} />;
}
