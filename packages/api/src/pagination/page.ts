import { z } from 'zod';

/** One page of a list: the SDKs iterate `nextCursor` with `for await`. */
export interface Page<T> {
  object: 'list';
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

/** The schema of a page of `item`s, named `id` in the API reference (`CustomerList`). */
export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      object: z.literal('list'),
      data: z.array(item),
      hasMore: z.boolean().meta({ description: 'Whether another page follows: pass `nextCursor` as `startingAfter` to read it.' }),
      nextCursor: z.string().nullable().meta({ description: 'The last id of this page while `hasMore`, else `null`.' }),
    })
    .meta({ id, description: 'One page of a list, newest first.' });
}

/** `?limit=` (1…100, default 10) and `?startingAfter=<id>` on every list. */
export const pageQuery = {
  limit: z
    .string()
    .regex(/^\d+$/, 'must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1).max(100))
    .optional(),
  startingAfter: z.string().min(1).max(255).optional(),
};

export interface PageRequest {
  limit?: number | undefined;
  startingAfter?: string | undefined;
}

export const DEFAULT_PAGE_SIZE = 10;

/**
 * Appends keyset pagination (newest first) to a query whose `WHERE` is already written:
 * `sql` must end inside a `WHERE` clause; `params` are its parameters so far.
 */
export function paginate(sql: string, params: unknown[], page: PageRequest, column = 'id'): { sql: string; params: unknown[]; limit: number } {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const all = [...params];
  let text = sql;
  if (page.startingAfter) {
    all.push(page.startingAfter);
    text += ` AND ${column} < $${all.length}`;
  }
  all.push(limit + 1);
  return { sql: `${text} ORDER BY ${column} DESC LIMIT $${all.length}`, params: all, limit };
}

/** Turns `limit + 1` fetched rows into a page. */
export function toPage<R, T extends { id: string }>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const data = rows.slice(0, limit).map(map);
  const hasMore = rows.length > limit;
  return { object: 'list', data, hasMore, nextCursor: hasMore ? data[data.length - 1]!.id : null };
}

/** A list that is never paginated (entitlements) in the same shape. */
export function singlePage<T>(data: T[]): Page<T> {
  return { object: 'list', data, hasMore: false, nextCursor: null };
}
