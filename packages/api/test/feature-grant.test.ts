import { combineGrants } from '../src/entitlements/entitlement';
import { grantsOf, mergeLifetimeGrants } from '../src/entitlements/feature-grant';
import type { FeatureGrant, GrantRow } from '../src/entitlements/feature-grant';
import type { ProductFeature } from '../src/products/product-feature';

const at = (iso: string) => new Date(iso);
const calls: ProductFeature = { key: 'calls', type: 'metered', limit: 10, reset: 'period' };
const seats: ProductFeature = { key: 'seats', type: 'metered', limit: 3, reset: 'never' };

/** A monthly subscription as stored by a worker that last ran in January. */
function row(overrides: Partial<GrantRow> = {}): GrantRow {
  return {
    id: 'sub_1', mode: 'test', merchant_id: 'm', customer_id: 'cus_1', price_id: 'price_1', status: 'active',
    current_period_start: at('2026-01-01T00:00:00Z'), current_period_end: at('2026-02-01T00:00:00Z'), billing_cycle_anchor: at('2026-01-01T00:00:00Z'),
    trial_end: null, trial_will_end_sent: true, cancel_at_period_end: false, canceled_at: null, scheduled_price_id: null, test_clock_id: null, collects_payment: false,
    metadata: {}, created_at: at('2026-01-01T00:00:00Z'), updated_at: at('2026-01-01T00:00:00Z'),
    product_id: 'prod_1', amount: 1000, currency: 'usd', interval: 'month', interval_count: 1, trial_days: 0,
    scheduled_product_id: null, scheduled_amount: null, scheduled_currency: null, scheduled_interval: null, scheduled_interval_count: null, scheduled_trial_days: null,
    clock_time: null,
    features: [calls, seats],
    scheduled_features: null,
    counters: { calls: { period_start: '2026-01-01T00:00:00+00:00', usage: 7 } },
    lifetime_counters: { seats: '2' },
    ...overrides,
  };
}

test('within the stored period the counters count', () => {
  const [callsGrant, seatsGrant] = grantsOf(row(), at('2026-01-20T00:00:00Z'));
  expect(callsGrant).toMatchObject({ usage: 7, counterExists: true, counter: { subscriptionId: 'sub_1', periodStart: at('2026-01-01T00:00:00Z') }, resetsAt: at('2026-02-01T00:00:00Z') });
  expect(seatsGrant).toMatchObject({ usage: 2, counterExists: true, counter: { customerId: 'cus_1', featureKey: 'seats' }, resetsAt: null });
});

test('after the period ends usage is 0 even though the worker has not renewed the row; lifetime usage stays', () => {
  const [callsGrant, seatsGrant] = grantsOf(row(), at('2026-02-02T00:00:00Z'));
  expect(callsGrant).toMatchObject({ usage: 0, counterExists: false, counter: { periodStart: at('2026-02-01T00:00:00Z') }, resetsAt: at('2026-03-01T00:00:00Z') });
  expect(seatsGrant).toMatchObject({ usage: 2 });
});

test('a trial that ended starts a fresh period', () => {
  const trialing = row({ status: 'trialing', trial_end: at('2026-01-15T00:00:00Z'), current_period_end: at('2026-01-15T00:00:00Z') });
  const [callsGrant] = grantsOf(trialing, at('2026-01-16T00:00:00Z'));
  expect(callsGrant).toMatchObject({ usage: 0, counter: { periodStart: at('2026-01-15T00:00:00Z') }, resetsAt: at('2026-02-15T00:00:00Z') });
});

test('a scheduled plan change that took effect grants the new product features; a cancellation that took effect grants nothing', () => {
  const scheduled = row({ scheduled_price_id: 'price_2', scheduled_product_id: 'prod_2', scheduled_amount: 2000, scheduled_currency: 'usd', scheduled_interval: 'month', scheduled_interval_count: 1, scheduled_trial_days: 0, scheduled_features: [{ key: 'sso', type: 'boolean' }] });
  expect(grantsOf(scheduled, at('2026-01-20T00:00:00Z')).map((grant) => grant.feature.key)).toEqual(['calls', 'seats']);
  expect(grantsOf(scheduled, at('2026-02-02T00:00:00Z')).map((grant) => [grant.feature.key, grant.productId])).toEqual([['sso', 'prod_2']]);
  expect(grantsOf(row({ cancel_at_period_end: true }), at('2026-02-02T00:00:00Z'))).toEqual([]);
});

describe('combineGrants', () => {
  const grant = (subscriptionId: string, feature: ProductFeature, usage: number): FeatureGrant => ({
    feature, subscriptionId, productId: `prod_${subscriptionId}`, counter: { subscriptionId, featureKey: feature.key, periodStart: at('2026-01-01T00:00:00Z') }, resetsAt: at('2026-02-01T00:00:00Z'), usage, counterExists: true,
  });

  test('limits and usage add up; the grant with the most balance is the one named', () => {
    const combined = combineGrants([grant('a', { ...calls, limit: 5 }, 4), grant('b', { ...calls, limit: 3 }, 0)]);
    expect(combined).toMatchObject({ type: 'metered', limit: 8, usage: 4, balance: 4, subscriptionId: 'b' });
  });

  test('unlimited wins; a boolean grant of a metered key adds nothing', () => {
    expect(combineGrants([grant('a', calls, 4), grant('b', { ...calls, limit: null }, 1)])).toMatchObject({ limit: null, usage: 5, balance: null, subscriptionId: 'b' });
    expect(combineGrants([grant('a', { key: 'calls', type: 'boolean' }, 0), grant('b', calls, 4)])).toMatchObject({ type: 'metered', limit: 10, usage: 4, subscriptionId: 'b' });
  });
});

test("two subscriptions granting one never-resetting feature share the customer's counter: limits add up, usage counts once", () => {
  const first = grantsOf(row(), at('2026-01-20T00:00:00Z')).filter((grant) => grant.feature.key === 'seats');
  const second = grantsOf(row({ id: 'sub_2', features: [{ ...seats, limit: 5 }] }), at('2026-01-20T00:00:00Z'));
  const merged = mergeLifetimeGrants([...first, ...second]);
  expect(merged).toHaveLength(1);
  expect(combineGrants(merged)).toMatchObject({ limit: 8, usage: 2, balance: 6 });
});

test('a past-due subscription keeps its features while its invoice is collected; a canceled one has none', () => {
  expect(grantsOf(row({ status: 'past_due' }), at('2026-01-20T00:00:00Z')).map((grant) => grant.feature.key)).toEqual(['calls', 'seats']);
  expect(grantsOf(row({ status: 'canceled', canceled_at: at('2026-01-10T00:00:00Z') }), at('2026-01-20T00:00:00Z'))).toEqual([]);
});
