'use client';
import { useChangePlan, useCreateSubscription, type Price, type Product, type Subscription } from '@billingos/sdk';
import { ConfirmDialog } from '../dialog/ConfirmDialog';
import { useUI } from '../options/useUI';
import type { PlanAction } from './planAction';

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

/** Confirms a subscribe, an upgrade (now) or a downgrade (at the period end), then makes it. */
export function PlanChangeDialog({ choice: { product, price, action }, active, currentName, onDone, onClose }: PlanChangeDialogProps) {
  const { t, money, interval, date } = useUI();
  const create = useCreateSubscription();
  const change = useChangePlan();
  const values = { plan: product.name, price: money(price), interval: interval(price), current: currentName };

  let title = t('changeTitle', values);
  let body = t('changeNowBody', values);
  let done = t('subscribed', values);
  let run = () => change.changePlan(active!.id, price.id);
  if (action.kind === 'subscribe') {
    title = t('subscribeTitle', values);
    body = t(action.trialDays > 0 ? 'trialBody' : 'subscribeBody', { ...values, days: action.trialDays });
    run = () => create.createSubscription({ priceId: price.id });
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
  return <ConfirmDialog title={title} description={body} confirmLabel={t('confirm')} onConfirm={confirm} onClose={onClose} error={create.error ?? change.error} />;
}
