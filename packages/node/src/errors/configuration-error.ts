import { BillingOSError } from './billing-os-error';
import type { BillingOSErrorInit } from './billing-os-error';

/** The SDK was configured in a way that cannot work (missing or wrong key, browser use); thrown before any request. */
export class ConfigurationError extends BillingOSError {
  override readonly name: string = 'ConfigurationError';

  constructor(init: BillingOSErrorInit) {
    super('configuration_error', init);
  }
}
