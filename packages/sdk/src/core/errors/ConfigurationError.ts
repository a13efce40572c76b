import { BillingOSError } from './BillingOSError';

/** The SDK is set up in a way that cannot work; the message says what to change. */
export class ConfigurationError extends BillingOSError {
  override name = 'ConfigurationError';
  override readonly type = 'configuration_error' as const;
}
