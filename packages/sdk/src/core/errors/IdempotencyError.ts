import { BillingOSError } from './BillingOSError';

/** An \`Idempotency-Key\` was reused with a different body, or its first request is still running (HTTP 409). */
export class IdempotencyError extends BillingOSError {
  override name = 'IdempotencyError';
  override readonly type = 'idempotency_error' as const;
}
