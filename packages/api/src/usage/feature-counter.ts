import type { Queryable } from '../storage/database';

/** One usage counter: a subscription's feature in one period. */
export interface CounterKey {
  subscriptionId: string;
  featureKey: string;
  periodStart: Date;
}

const WHERE_KEY = 'subscription_id = $1 AND feature_key = $2 AND period_start = $3';
const keyParams = (key: CounterKey) => [key.subscriptionId, key.featureKey, key.periodStart];

/** Creates the period's counter at 0 unless it exists (so the spend below always has a row to update). */
export async function openCounter(tx: Queryable, key: CounterKey): Promise<void> {
  await tx.query('INSERT INTO feature_usage (subscription_id, feature_key, period_start) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', keyParams(key));
}

/**
 * Adds `amount` when it keeps usage within `limit` (`null`: always), in one conditional
 * statement: concurrent spends queue on the row and each re-checks the limit against the
 * usage the previous one committed. Returns the new usage, or `null` when refused.
 */
export async function spend(tx: Queryable, key: CounterKey, amount: number, limit: number | null): Promise<number | null> {
  const withinLimit = limit === null ? '' : ' AND usage + $4 <= $5';
  const rows = await tx.query<{ usage: string | number }>(
    `UPDATE feature_usage SET usage = usage + $4 WHERE ${WHERE_KEY}${withinLimit} RETURNING usage`,
    [...keyParams(key), amount, ...(limit === null ? [] : [limit])],
  );
  return rows[0] ? Number(rows[0].usage) : null;
}

/** Marks the period's limit as reached; `true` only for the one call that marked it. */
export async function markLimitReached(tx: Queryable, key: CounterKey, at: Date): Promise<boolean> {
  const rows = await tx.query(`UPDATE feature_usage SET limit_reached_at = $4 WHERE ${WHERE_KEY} AND limit_reached_at IS NULL RETURNING 1`, [...keyParams(key), at]);
  return rows.length > 0;
}
