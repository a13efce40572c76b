'use client';
import { useState } from 'react';
import { isBillingOSError, useProducts, useSubscriptions, type Price, type Product } from '@billingos/sdk';
import type { UIOptions } from '../options/UIOptions';
import { useUI } from '../options/useUI';
import { ErrorNotice } from '../shared/ErrorNotice';
import { Root, splitOptions } from '../shared/Root';
import { findActive } from '../shared/findActive';
import { Skeleton } from '../shared/Skeleton';
import { IntervalSwitch, intervalLabels } from './IntervalSwitch';
import { planAction, type PlanAction } from './planAction';
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
 * downgrade waits for the end of the paid period. A plan without a price for the chosen period
 * keeps its own, marked "Monthly only". Signed out (the session route answers 401), it shows the
 * plans read with the provider's `publishableKey`, their buttons linking to `signInUrl`.
 *
 * @example
 * import { PricingTable } from '@billingos/sdk/ui';
 * import '@billingos/sdk/ui/styles.css';
 *
 * <BillingOSProvider sessionTokenUrl="/api/billingos-session" publishableKey="pk_live_…">
 *   <PricingTable signInUrl="/sign-in" />
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

  // Signed out is no failure here: the plans (read with the publishable key) lead to sign-in.
  const signedOut = !subscriptions.data && isBillingOSError(subscriptions.error, 'authentication_error');
  const error = products.error ?? (signedOut ? null : subscriptions.error);
  if (!products.data || !(subscriptions.data || signedOut)) {
    return error ? <ErrorNotice error={error} retry={[products, subscriptions]} /> : <Skeleton />;
  }

  const history = subscriptions.data ?? [];
  const active = findActive(history);
  const shown = productIds
    ? productIds.flatMap((id) => products.data!.filter((p) => p.id === id && p.active))
    : products.data.filter((p) => p.active).sort((a, b) => cheapest(a.prices) - cheapest(b.prices));
  const intervals = ORDER.filter((interval) => shown.some((p) => p.prices.some((price) => price.interval === interval)));
  const interval = chosenInterval ?? (active && intervals.includes(active.price.interval) ? active.price.interval : intervals[0]);
  const cards = shown.map((product) => {
    const price = priceFor(product, interval, active?.price.id);
    const action: PlanAction = signedOut ? { kind: 'signIn', trialDays: price.trialDays } : planAction(price, active, history);
    // A plan without a price for this period is shown with its own, and says so: never silently left out.
    const note = price.interval !== interval && ui.t('intervalOnly', { interval: ui.t(intervalLabels[price.interval]) });
    return { product, price, action, note };
  });
  const currentName = products.data.find((p) => p.id === active?.productId)?.name ?? '';

  return (
    <>
      {intervals.length > 1 && interval && <IntervalSwitch intervals={intervals} value={interval} onChange={setChosenInterval} />}
      <p role="status" className={message ? 'billingos-notice billingos-notice-success' : 'billingos-sr-only'}>
        {message}
      </p>
      {cards.length === 0 ? (
        <p className="billingos-card billingos-empty billingos-muted">{ui.t('noPlans')}</p>
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

/** The product's price for `interval`, else another (a product has at least one): the customer's own first. */
function priceFor({ prices }: Product, interval: Price['interval'] | undefined, activePriceId: string | undefined): Price {
  const mine = (list: Price[]) => list.find((p) => p.id === activePriceId) ?? list[0];
  return mine(prices.filter((p) => p.interval === interval)) ?? mine(prices)!;
}
