import type * as contract from '@billingos/contract';
import type { ListParams } from './list-promise';

/**
 * A moment as the test-clock calls take it: a `Date`, an ISO-8601 string with its offset
 * (`'2026-01-31T00:00:00Z'`), or unix **seconds** (as Stripe takes it; not `Date.now()`'s ms).
 */
export type Timestamp = Date | string | number;

/** A clock you move by hand (test mode only): customers attached to it live on its time. */
export type TestClock = contract.TestClock;

/** What deleting a test clock answers (its customers and their subscriptions go with it). */
export type DeletedTestClock = contract.DeletedTestClock;

export interface TestClockCreateParams {
  /** Where the clock starts. */
  frozenTime: Timestamp;
  name?: string;
}

export interface TestClockAdvanceParams {
  /** The new time, later than the clock's; every transition due by then runs, in time order. */
  frozenTime: Timestamp;
}

export type TestClockListParams = ListParams;
