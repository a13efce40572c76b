import { ConnectionError } from './connection-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The response (headers and body) did not arrive within `timeout` milliseconds. */
export class TimeoutError extends ConnectionError {
  override readonly name: string = 'TimeoutError';

  constructor(init: BillingOSErrorInit) {
    super(init, 'timeout_error');
  }
}
