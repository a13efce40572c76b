import type { BillingOS } from '@billingos/node';

/** Prints what a scenario created, one line each. */
export type Say = (line: string) => void;

/** What produces an event: the calls a merchant would make, in test mode. */
type Scenario = (billing: BillingOS, say: Say) => Promise<void>;

const DAY = 86_400_000;

function tag(): string {
  return `trigger_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function customer(billing: BillingOS, say: Say, testClockId?: string) {
  const created = await billing.customers.create({ externalUserId: tag(), ...(testClockId ? { testClockId } : {}) });
  say(`customer      ${created.id}`);
  return created;
}

async function plan(billing: BillingOS, say: Say, trialDays = 0) {
  const product = await billing.products.create({
    name: 'billingos trigger',
    features: [{ key: 'trigger_credits', type: 'metered', limit: 1, reset: 'period' }],
    prices: [
      { amount: 1000, currency: 'usd', interval: 'month', trialDays },
      { amount: 10000, currency: 'usd', interval: 'year' },
    ],
  });
  say(`product       ${product.id}`);
  return { product, monthly: product.prices[0]!, yearly: product.prices[1]! };
}

async function subscription(billing: BillingOS, say: Say, options: { trialDays?: number; testClockId?: string } = {}) {
  const { monthly, yearly } = await plan(billing, say, options.trialDays);
  const owner = await customer(billing, say, options.testClockId);
  // A paid price is charged when the subscription starts: the test card pays it.
  await billing.paymentMethods.attach(owner.id, { paymentMethodId: 'pm_card_visa' });
  const created = await billing.subscriptions.create({ customerId: owner.id, priceId: monthly.id });
  say(`subscription  ${created.id} (${created.status})`);
  return { subscription: created, customer: owner, yearly };
}

/** A subscription on a new test clock, moved forward until `after` has passed. */
async function onClock(billing: BillingOS, say: Say, trialDays: number, advanceMs: number) {
  const clock = await billing.testClocks.create({ frozenTime: new Date(), name: 'billingos trigger' });
  say(`test clock    ${clock.id}`);
  const created = await subscription(billing, say, { trialDays, testClockId: clock.id });
  const to = new Date(Date.parse(clock.frozenTime) + advanceMs);
  await billing.testClocks.advance(clock.id, { frozenTime: to });
  say(`advanced      ${clock.id} to ${to.toISOString()}`);
  return created;
}

/** A subscription checkout paid with the test card alias: the session completes and the first invoice is made, finalised and paid. */
async function checkout(billing: BillingOS, say: Say): Promise<void> {
  const { monthly } = await plan(billing, say);
  const session = await billing.checkoutSessions.create({
    externalUserId: tag(),
    mode: 'subscription',
    priceId: monthly.id,
    successUrl: 'https://example.com/success',
    cancelUrl: 'https://example.com/cancel',
  });
  say(`checkout      ${session.id}`);
  const done = await billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId: 'pm_card_visa' });
  say(`paid          ${session.id} with pm_card_visa${done.status === 'complete' ? ` (subscription ${done.subscriptionId})` : ''}`);
}

/**
 * A trial checked out on a new test clock with the test method saved (nothing charged), then the clock moved
 * past the trial's end: the first invoice is charged off-session, as a renewal is.
 */
function chargedAtTrialEnd(paymentMethodId: string): Scenario {
  return async (billing, say) => {
    const clock = await billing.testClocks.create({ frozenTime: new Date(), name: 'billingos trigger' });
    say(`test clock    ${clock.id}`);
    const { monthly } = await plan(billing, say, 7);
    const owner = await customer(billing, say, clock.id);
    const session = await billing.checkoutSessions.create({ customerId: owner.id, mode: 'subscription', priceId: monthly.id, successUrl: 'https://example.com/success', cancelUrl: 'https://example.com/cancel' });
    const done = await billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId });
    say(`trial         ${session.id} with ${paymentMethodId}${done.status === 'complete' ? ` (subscription ${done.subscriptionId})` : ''}`);
    const to = new Date(Date.parse(clock.frozenTime) + 8 * DAY);
    await billing.testClocks.advance(clock.id, { frozenTime: to });
    say(`advanced      ${clock.id} to ${to.toISOString()} (the trial's end: its invoice was charged)`);
  };
}

export const SCENARIOS: Record<string, Scenario> = {
  'customer.created': async (billing, say) => {
    await customer(billing, say);
  },
  'customer.updated': async (billing, say) => {
    const created = await customer(billing, say);
    await billing.customers.update(created.id, { name: 'Triggered' });
    say(`updated       ${created.id}`);
  },
  'customer.deleted': async (billing, say) => {
    const created = await customer(billing, say);
    await billing.customers.del(created.id);
    say(`deleted       ${created.id}`);
  },
  'subscription.created': async (billing, say) => {
    await subscription(billing, say);
  },
  'subscription.updated': async (billing, say) => {
    const { subscription: created, yearly } = await subscription(billing, say);
    await billing.subscriptions.update(created.id, { priceId: yearly.id });
    say(`changed plan  ${created.id} to ${yearly.id}`);
  },
  'subscription.canceled': async (billing, say) => {
    const { subscription: created } = await subscription(billing, say);
    await billing.subscriptions.cancel(created.id);
    say(`canceled      ${created.id}`);
  },
  'subscription.renewed': async (billing, say) => {
    await onClock(billing, say, 0, 32 * DAY);
  },
  'subscription.trial_will_end': async (billing, say) => {
    await onClock(billing, say, 7, 4 * DAY + 1000);
  },
  'entitlement.limit_reached': async (billing, say) => {
    const { customer: owner } = await subscription(billing, say);
    await billing.entitlements.check({ customerId: owner.id, featureKey: 'trigger_credits', track: true });
    say(`used          trigger_credits (limit 1) of ${owner.id}`);
  },
  'payment_method.attached': async (billing, say) => {
    const owner = await customer(billing, say);
    const method = await billing.paymentMethods.attach(owner.id, { paymentMethodId: 'pm_card_visa' });
    say(`card          ${method.id} (${method.card.brand} ${method.card.last4}) of ${owner.id}`);
  },
  'checkout.session.completed': checkout,
  'invoice.created': checkout,
  'invoice.finalized': checkout,
  'invoice.paid': checkout,
  'invoice.payment_failed': chargedAtTrialEnd('pm_card_chargeDeclined'),
  'invoice.payment_action_required': chargedAtTrialEnd('pm_card_authenticationRequired'),
  'invoice.voided': async (billing, say) => {
    const { monthly } = await plan(billing, say);
    const owner = await customer(billing, say);
    const created = await billing.subscriptions.create({ customerId: owner.id, priceId: monthly.id });
    say(`subscription  ${created.id} (${created.status}: no card, its first invoice open)`);
    await billing.subscriptions.cancel(created.id);
    say(`canceled      ${created.id} (its open invoice voided)`);
  },
  'payment_method.detached': async (billing, say) => {
    const owner = await customer(billing, say);
    const method = await billing.paymentMethods.attach(owner.id, { paymentMethodId: 'pm_card_visa' });
    await billing.paymentMethods.del(method.id);
    say(`removed card  ${method.id} of ${owner.id}`);
  },
};
