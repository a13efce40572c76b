import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/**
 * No usable response arrived: DNS, refused or dropped connection. The request may or may
 * not have reached the API; writes carry an `Idempotency-Key`, so retrying them is safe.
 */
export class ConnectionError extends BillingOSError {
  override readonly name: string = 'ConnectionError';

  constructor(init: BillingOSErrorInit, type: 'connection_error' | 'timeout_error' = 'connection_error') {
    super(type, init);
  }
}
