import { Inject, Injectable } from '@nestjs/common';
import type { Mode } from '../auth/credential';
import { ApiError } from '../errors/api-error';
import type { PaymentProvider } from './payment-provider';
import { TestPaymentProvider } from './test-payment-provider';

/**
 * The provider each mode pays through. Test mode has the built-in test provider; live mode
 * needs a real one configured, and the test provider is refused there.
 */
@Injectable()
export class PaymentProviders {
  readonly #test: TestPaymentProvider;

  constructor(@Inject(TestPaymentProvider) test: TestPaymentProvider) {
    this.#test = test;
  }

  for(mode: Mode): PaymentProvider {
    if (mode === 'test') return this.#test;
    throw new ApiError({
      status: 400,
      type: 'invalid_request_error',
      code: 'payment_provider_not_configured',
      message: 'Live mode has no payment provider configured, and the built-in test provider takes test mode only. Use your sk_test_ key until a live provider is set up.',
    });
  }
}
