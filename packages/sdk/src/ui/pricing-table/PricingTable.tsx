'use client';
import { useState } from 'react';
import { useProducts, useSubscriptions, type Price } from '@billingos/sdk';
import type { UIOptions } from '../options/UIOptions';
import { useUI } from '../options/useUI';
import { ErrorNotice } from '../shared/ErrorNotice';
import { Root, splitOptions } from '../shared/Root';
import { findActive } from '../shared/findActive';
import { Skeleton } from '../shared/Skeleton';
import { IntervalSwitch } from './IntervalSwitch';
import { planAction } from './planAction';
import { PlanCard } from './PlanCard';
import { PlanChangeDialog, type PlanChoice } from './PlanChangeDialog';

export interface PricingTableProps extends UIOptions {
  /** Only these products, in this order. @default every active product, cheapest first */
  productIds?: string[];
}

const ORDER: Price['interval'][] = ['month', 'year', 'week', 'day'];

/**
 * The merchant's active plans with their prices, a monthly/yearly switch when both exist, the
 * customer's plan marked; subscribing and changing plan go through a confirmation dialog, and a
 * downgrade waits for the end of the paid period.
 *
 * @example
 * import { PricingTable } from '@billingos/sdk/ui';
 * import '@billingos/sdk/ui/styles.css';
 *
 * <BillingOSProvider sessionTokenUrl="/api/billingos-session">
 *   <PricingTable />
 * </BillingOSProvider>
 */
export function PricingTable(props: PricingTableProps) {
  const [options, { productIds }] = splitOptions(props);
  return (
    <Root options={options} as="section" className="billingos-pricing-table">
      <Plans productIds={productIds} />
    </Root>
  );
}

function Plans({ productIds }: { productIds?: string[] | undefined }) {
  const ui = useUI();
  const products = useProducts();
  const subscriptions = useSubscriptions();
  const [chosenInterval, setChosenInterval] = useState<Price['interval']>();
  const [choice, setChoice] = useState<PlanChoice | null>(null);
  const [message, setMessage] = useState('');

  const error = products.error ?? subscriptions.error;
  if (error && (!products.data || !subscriptions.data)) {
    return <ErrorNotice error={error} onRetry={() => void Promise.all([products.refetch(), subscriptions.refetch()]).catch(() => {})} />;
  }
  if (!products.data || !subscriptions.data) return <Skeleton />;

  const history = subscriptions.data;
  const active = findActive(history);
  const shown = productIds
    ? productIds.flatMap((id) => products.data!.filter((p) => p.id === id && p.active))
    : products.data.filter((p) => p.active).sort((a, b) => cheapest(a.prices) - cheapest(b.prices));
  const intervals = ORDER.filter((interval) => shown.some((p) => p.prices.some((price) => price.interval === interval)));
  const interval = chosenInterval ?? (active && intervals.includes(active.price.interval) ? active.price.interval : intervals[0]);
  const cards = shown.flatMap((product) => {
    const price = product.prices.find((p) => p.id === active?.price.id && p.interval === interval) ?? product.prices.find((p) => p.interval === interval);
    return price ? [{ product, price, action: planAction(price, active, history) }] : [];
  });
  const currentName = products.data.find((p) => p.id === active?.productId)?.name ?? '';

  return (
    <>
      {intervals.length > 1 && interval && <IntervalSwitch intervals={intervals} value={interval} onChange={setChosenInterval} />}
      <p role="status" className={message ? 'billingos-notice billingos-notice-success' : 'billingos-sr-only'}>
        {message}
      </p>
      {cards.length === 0 ? (
        <p className="billingos-muted">{ui.t('noPlans')}</p>
      ) : (
        <ul className="billingos-plans" aria-label={ui.t('plans')}>
          {cards.map((card) => (
            <PlanCard key={card.price.id} {...card} onChoose={() => setChoice(card)} />
          ))}
        </ul>
      )}
      {choice && <PlanChangeDialog choice={choice} active={active} currentName={currentName} onDone={setMessage} onClose={() => setChoice(null)} />}
    </>
  );
}

const cheapest = (prices: Price[]) => Math.min(...prices.map((p) => p.amount));
