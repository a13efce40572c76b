/**
 * Thrown while the application starts when `BillingOSModule` is configured in a way that
 * cannot work; the message says what to change.
 */
export class BillingOSModuleConfigurationError extends Error {
  override readonly name = 'BillingOSModuleConfigurationError';

  /** True for this error, also across duplicated copies of the package. */
  static is(error: unknown): error is BillingOSModuleConfigurationError {
    return error instanceof Error && error.name === 'BillingOSModuleConfigurationError';
  }
}
