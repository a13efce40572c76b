import { applyTransition, dueAt, nextTransition, periodEndAfter, project } from '../src/lifecycle/subscription-timeline';
import type { TimelineState } from '../src/lifecycle/subscription-timeline';
import type { Price } from '../src/products/product';

const at = (iso: string) => new Date(iso);
const monthly: Price = { id: 'price_m', object: 'price', productId: 'prod_pro', amount: 1000, currency: 'usd', interval: 'month', intervalCount: 1, trialDays: 0 };
const yearlyBasic: Price = { id: 'price_y', object: 'price', productId: 'prod_basic', amount: 5000, currency: 'usd', interval: 'year', intervalCount: 1, trialDays: 0 };

function activeSince(start: string, overrides: Partial<TimelineState> = {}): TimelineState {
  return {
    status: 'active',
    price: monthly,
    scheduledPrice: null,
    currentPeriodStart: at(start),
    currentPeriodEnd: periodEndAfter(at(start), at(start), monthly),
    billingCycleAnchor: at(start),
    trialEnd: null,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    trialWillEndSent: false,
    createdAt: at(start),
    ...overrides,
  };
}

function trialing(start: string, trialEnd: string): TimelineState {
  return activeSince(start, { status: 'trialing', currentPeriodEnd: at(trialEnd), billingCycleAnchor: at(trialEnd), trialEnd: at(trialEnd) });
}

/** Every transition due by `until`, in the order they run. */
function walk(state: TimelineState, until: string): { kinds: string[]; times: string[]; state: TimelineState } {
  const kinds: string[] = [];
  const times: string[] = [];
  let current = state;
  for (let next = nextTransition(current); next && next.at <= at(until); next = nextTransition(current)) {
    kinds.push(next.kind);
    times.push(next.at.toISOString());
    current = applyTransition(current, next);
  }
  return { kinds, times, state: current };
}

test('a 14-day trial warns 3 days before its end, then becomes active with a paid period from the trial end', () => {
  const result = walk(trialing('2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z'), '2026-01-20T00:00:00Z');
  expect(result.kinds).toEqual(['trial_will_end', 'trial_end']);
  expect(result.times).toEqual(['2026-01-12T00:00:00.000Z', '2026-01-15T00:00:00.000Z']);
  expect(result.state).toMatchObject({ status: 'active', currentPeriodStart: at('2026-01-15T00:00:00Z'), currentPeriodEnd: at('2026-02-15T00:00:00Z') });
});

test('a trial shorter than the notice warns at once', () => {
  expect(nextTransition(trialing('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'))).toEqual({ kind: 'trial_will_end', at: at('2026-01-01T00:00:00Z') });
});

test('monthly renewals count from the anchor, so a period starting on the 31st comes back to the 31st', () => {
  const result = walk(activeSince('2026-01-31T09:00:00Z'), '2026-05-01T00:00:00Z');
  expect(result.kinds).toEqual(['renewal', 'renewal', 'renewal']);
  expect(result.times).toEqual(['2026-02-28T09:00:00.000Z', '2026-03-31T09:00:00.000Z', '2026-04-30T09:00:00.000Z']);
  expect(result.state.currentPeriodEnd).toEqual(at('2026-05-31T09:00:00Z'));
});

test('cancel at period end cancels at that end and nothing happens after it', () => {
  const result = walk(activeSince('2026-01-10T00:00:00Z', { cancelAtPeriodEnd: true }), '2027-01-01T00:00:00Z');
  expect(result.kinds).toEqual(['cancel']);
  expect(result.state).toMatchObject({ status: 'canceled', canceledAt: at('2026-02-10T00:00:00Z') });
  expect(dueAt(result.state)).toBeNull();
});

test('a scheduled change switches the price at period end and starts the new interval from there', () => {
  const result = walk(activeSince('2026-01-10T00:00:00Z', { scheduledPrice: yearlyBasic }), '2026-03-01T00:00:00Z');
  expect(result.kinds).toEqual(['scheduled_change']);
  expect(result.state).toMatchObject({ price: yearlyBasic, scheduledPrice: null, currentPeriodStart: at('2026-02-10T00:00:00Z'), currentPeriodEnd: at('2027-02-10T00:00:00Z') });
});

test('a change scheduled during a trial takes effect at the trial end', () => {
  const result = walk({ ...trialing('2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z'), scheduledPrice: yearlyBasic }, '2026-01-16T00:00:00Z');
  expect(result.kinds).toEqual(['trial_will_end', 'trial_end']);
  expect(result.state).toMatchObject({ status: 'active', price: yearlyBasic, currentPeriodEnd: at('2027-01-15T00:00:00Z') });
});

test('a reader sees the state at its time, and the last transition time, without anything being written', () => {
  const state = trialing('2026-01-01T00:00:00Z', '2026-01-15T00:00:00Z');
  expect(project(state, at('2026-01-14T23:59:59Z')).state.status).toBe('trialing');
  const later = project(state, at('2026-03-20T00:00:00Z'));
  expect(later.state).toMatchObject({ status: 'active', currentPeriodStart: at('2026-03-15T00:00:00Z') });
  expect(later.lastTransitionAt).toEqual(at('2026-03-15T00:00:00Z'));
  expect(state.status).toBe('trialing');
});
