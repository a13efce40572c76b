import type { Queryable } from '../storage/database';

/**
 * One usage counter: a subscription's feature in one period, or, for a feature that never
 * resets, the customer's (whatever subscriptions granted it over time).
 */
export type CounterKey = { subscriptionId: string; featureKey: string; periodStart: Date } | { customerId: string; featureKey: string };

/** The largest usage a counter holds exactly: JSON numbers past 2^53 lose precision. */
export const MAX_USAGE = Number.MAX_SAFE_INTEGER;

interface CounterRow {
  table: string;
  columns: string;
  where: string;
  params: unknown[];
}

function counterRow(key: CounterKey): CounterRow {
  if ('customerId' in key) {
    return { table: 'customer_feature_usage', columns: 'customer_id, feature_key', where: 'customer_id = $1 AND feature_key = $2', params: [key.customerId, key.featureKey] };
  }
  return {
    table: 'feature_usage',
    columns: 'subscription_id, feature_key, period_start',
    where: 'subscription_id = $1 AND feature_key = $2 AND period_start = $3',
    params: [key.subscriptionId, key.featureKey, key.periodStart],
  };
}

/** Creates the counter at 0 unless it exists (so the spend below always has a row to update). */
export async function openCounter(tx: Queryable, key: CounterKey): Promise<void> {
  const row = counterRow(key);
  const placeholders = row.params.map((_, i) => `$${i + 1}`).join(', ');
  await tx.query(`INSERT INTO ${row.table} (${row.columns}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`, row.params);
}

/**
 * Adds `amount` when it keeps usage within `limit` (`null`: only within `MAX_USAGE`), in one
 * conditional statement: concurrent spends queue on the row and each re-checks the limit
 * against the usage the previous one committed. Returns the new usage, or `null` when refused.
 */
export async function spend(tx: Queryable, key: CounterKey, amount: number, limit: number | null): Promise<number | null> {
  const row = counterRow(key);
  const n = row.params.length;
  const rows = await tx.query<{ usage: string | number }>(
    `UPDATE ${row.table} SET usage = usage + $${n + 1} WHERE ${row.where} AND usage + $${n + 1} <= $${n + 2} RETURNING usage`,
    [...row.params, amount, Math.min(limit ?? MAX_USAGE, MAX_USAGE)],
  );
  return rows[0] ? Number(rows[0].usage) : null;
}

/** Marks the counter's limit as reached; `true` only for the one call that marked it. */
export async function markLimitReached(tx: Queryable, key: CounterKey, at: Date): Promise<boolean> {
  const row = counterRow(key);
  const rows = await tx.query(`UPDATE ${row.table} SET limit_reached_at = $${row.params.length + 1} WHERE ${row.where} AND limit_reached_at IS NULL RETURNING 1`, [...row.params, at]);
  return rows.length > 0;
}
