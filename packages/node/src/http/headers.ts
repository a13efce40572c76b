/** The header carrying the 0-based attempt number: 0 for the first try, 1 for the first retry… */
export const RETRY_ATTEMPT_HEADER = 'BillingOS-Retry-Attempt';

/** The header carrying a write's idempotency key; the API replays the first response it stored for a key. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** A `Headers` object as a plain record with lower-cased names. */
export function headersToRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}
