import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { entitlementCheckSchema, usageRecordSchema } from '../entitlements/entitlement.schemas';
import type { MerchantScope } from '../auth/credential';
import { combineGrants, grantBalance, isMetered, spendingOrder } from '../entitlements/entitlement';
import type { Entitlement, MeteredGrant } from '../entitlements/entitlement';
import { grantRowsSql, grantsOf, mergeLifetimeGrants } from '../entitlements/feature-grant';
import type { FeatureGrant, GrantRow } from '../entitlements/feature-grant';
import { invalidRequest } from '../errors/errors';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { Clock } from '../time/clock';
import { asOf } from '../time/customer-time';
import { EventOutbox } from '../webhooks/event-outbox';
import { customerNotFound, referenceColumn } from './customer-reference';
import type { CustomerReference } from './customer-reference';
import { markLimitReached, MAX_USAGE, openCounter, spend } from './feature-counter';

/** The answer to "may this customer use `featureKey`?" (see `entitlementCheckSchema`). */
export type EntitlementCheck = z.infer<typeof entitlementCheckSchema>;

/** See `usageRecordSchema`. */
export type RecordedUsage = z.infer<typeof usageRecordSchema>;

/** One customer's grants of one feature, at the customer's time. */
interface CustomerGrants {
  customerId: string;
  time: Date;
  grants: FeatureGrant[];
}

/**
 * Checks and counts usage of features. A tracked check is one read and one conditional update
 * (plus the counter's insert in a new period, and a transaction with the limit's mark when the
 * spend may exhaust the balance).
 */
@Injectable()
export class UsageRepository {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #outbox: EventOutbox;

  constructor(@Inject(Database) db: Database, @Inject(Clock) clock: Clock, @Inject(EventOutbox) outbox: EventOutbox) {
    this.#db = db;
    this.#clock = clock;
    this.#outbox = outbox;
  }

  /** With `track`, an allowed check also spends `requiredBalance` from the grant with the most balance. */
  async check(scope: MerchantScope, customer: CustomerReference, featureKey: string, requiredBalance: number, track: boolean): Promise<EntitlementCheck> {
    const found = await this.#grants(scope, customer, featureKey);
    const metered = spendingOrder(found.grants.filter(isMetered));
    const candidates = metered.filter((grant) => grantBalance(grant) >= requiredBalance);
    if (!track || requiredBalance === 0 || candidates.length === 0) {
      const allowed = metered.length > 0 ? candidates.length > 0 : found.grants.length > 0;
      return answer(allowed, featureKey, entitlementOf(found.grants));
    }
    for (const grant of candidates) {
      const spent = await this.#spend(scope, found, grant, requiredBalance, grant.feature.limit);
      if (spent) return answer(true, featureKey, spent);
    }
    // Concurrent spends took the balance after it was read: answer with what is left now, not with that read.
    return answer(false, featureKey, entitlementOf((await this.#grants(scope, customer, featureKey)).grants));
  }

  /** Counts `value` whatever the balance (it may go negative), on the grant with the most balance. */
  async record(scope: MerchantScope, customer: CustomerReference, featureKey: string, value: number): Promise<RecordedUsage> {
    const found = await this.#grants(scope, customer, featureKey);
    const [grant] = spendingOrder(found.grants.filter(isMetered));
    if (!grant) {
      throw invalidRequest(
        'no_metered_entitlement',
        `The customer has no metered entitlement to "${featureKey}": none of its active subscriptions' products declares it as a metered feature.`,
        'featureKey',
      );
    }
    const entitlement = await this.#spend(scope, found, grant, value, null);
    if (!entitlement) {
      throw invalidRequest(
        'usage_too_large',
        `Recording ${value} would take the usage of "${featureKey}" past ${MAX_USAGE}, the largest count the API keeps exactly. Record smaller values, or reset the counter with a new period.`,
        'value',
      );
    }
    return { object: 'usage', featureKey, usage: entitlement.usage!, limit: entitlement.limit, balance: entitlement.balance };
  }

  /**
   * Spends `amount` from `grant` unless that would take its usage past `ceiling` (`null`: no
   * ceiling); `null` when refused. A spend that leaves balance is one autocommitted statement,
   * holding the counter's row lock for no round trip; only one that may exhaust the balance
   * runs in a transaction with the limit's mark and event.
   */
  async #spend(scope: MerchantScope, found: CustomerGrants, grant: MeteredGrant, amount: number, ceiling: number | null): Promise<Entitlement | null> {
    const key = grant.counter;
    if (!grant.counterExists) await openCounter(this.#db, key);
    const quietCeiling = Math.min(ceiling ?? Infinity, exhaustingUsage(found.grants, grant) - 1);
    if (grant.usage + amount <= quietCeiling) {
      const usage = await spend(this.#db, key, amount, Number.isFinite(quietCeiling) ? quietCeiling : null);
      if (usage !== null) return combineGrants(withUsage(found.grants, grant, usage));
    }
    return this.#db.transaction(async (tx) => {
      const usage = await spend(tx, key, amount, ceiling);
      return usage === null ? null : this.#afterSpend(tx, scope, found, grant, usage);
    });
  }

  /** The entitlement after `grant` reached `usage`; the first spend of a period to exhaust it announces it. */
  async #afterSpend(tx: Queryable, scope: MerchantScope, found: CustomerGrants, spent: MeteredGrant, usage: number): Promise<Entitlement> {
    const entitlement = combineGrants(withUsage(found.grants, spent, usage));
    if (entitlement.balance !== null && entitlement.balance <= 0 && (await markLimitReached(tx, spent.counter, found.time))) {
      const { featureKey, limit, balance, resetsAt } = entitlement;
      const data = { object: 'entitlement', customerId: found.customerId, featureKey, limit, usage: entitlement.usage, balance, resetsAt, subscriptionId: spent.subscriptionId };
      await this.#outbox.record(tx, scope, 'entitlement.limit_reached', data, { createdAt: found.time });
    }
    return entitlement;
  }

  /** The customer, its time and its grants of `featureKey`, in one statement. */
  async #grants(scope: MerchantScope, customer: CustomerReference, featureKey: string): Promise<CustomerGrants> {
    const { column, value } = referenceColumn(customer);
    const rows = await this.#db.query<GrantRow & { found_customer_id: string; customer_clock_time: Date | null }>(
      `WITH customer AS (
         SELECT c.id, tc.frozen_time FROM customers c LEFT JOIN test_clocks tc ON tc.id = c.test_clock_id
         WHERE c.merchant_id = $1 AND c.mode = $2 AND c.${column} = $3)
       SELECT customer.id AS found_customer_id, customer.frozen_time AS customer_clock_time, g.*
       FROM customer LEFT JOIN LATERAL (${grantRowsSql('customer.id', '$4')}) g ON true
       ORDER BY g.id`,
      [scope.merchantId, scope.mode, value, featureKey],
    );
    if (!rows[0]) throw customerNotFound(customer);
    const time = asOf(rows[0].customer_clock_time, this.#clock);
    return { customerId: rows[0].found_customer_id, time, grants: mergeLifetimeGrants(rows.flatMap((row) => (row.id ? grantsOf(row, time, featureKey) : []))) };
  }
}

/** The usage of `grant` at which the combined balance reaches 0 (`Infinity` when unlimited). */
function exhaustingUsage(grants: FeatureGrant[], grant: MeteredGrant): number {
  const entitlement = combineGrants(grants);
  return entitlement.balance === null ? Infinity : grant.usage + entitlement.balance;
}

function withUsage(grants: FeatureGrant[], spent: FeatureGrant, usage: number): FeatureGrant[] {
  return grants.map((grant) => (grant === spent ? { ...grant, usage } : grant));
}

function entitlementOf(grants: FeatureGrant[]): Entitlement | null {
  return grants.length > 0 ? combineGrants(grants) : null;
}

function answer(allowed: boolean, featureKey: string, entitlement: Entitlement | null): EntitlementCheck {
  return {
    allowed,
    featureKey,
    limit: entitlement?.limit ?? null,
    usage: entitlement?.usage ?? null,
    balance: entitlement?.balance ?? null,
    resetsAt: entitlement?.resetsAt ?? null,
  };
}
