import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The credential is valid but may not do this (HTTP 403). */
export class PermissionError extends BillingOSError {
  override readonly name: string = 'PermissionError';

  constructor(init: BillingOSErrorInit) {
    super('permission_error', init);
  }
}
