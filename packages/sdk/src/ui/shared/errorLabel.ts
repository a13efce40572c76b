import { isBillingOSError } from '@billingos/sdk';
import type { LabelKey } from '../options/Localization';

/** What to tell the customer about a failed load: signed out, not allowed, or try again. */
export function errorLabel(error: Error): LabelKey {
  if (isBillingOSError(error, 'authentication_error')) return 'signedOut';
  if (isBillingOSError(error, 'permission_error')) return 'forbidden';
  return 'loadFailed';
}
