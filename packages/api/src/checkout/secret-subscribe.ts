import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { PaymentMethodsRepository } from '../payments/payment-methods.repository';
import { ProductsRepository } from '../products/products.repository';
import { Database } from '../storage/database';
import type { Subscription } from '../subscriptions/subscription';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import type { NewSubscription } from '../subscriptions/subscriptions.repository';
import { CheckoutSessionsService } from './checkout-sessions.service';

/**
 * `POST /v1/subscriptions`: a secret key reaches a paid price only through a paid invoice (as
 * Stripe's `allow_incomplete`). A free price or a trial starts at once (the trial is charged at
 * its end). Any other paid price is charged to the customer's default method first, through a
 * checkout the API runs itself (a durable attempt, never charged twice): paid, the subscription
 * starts `active` with its paid invoice. Refused, or without a method, it starts `incomplete`
 * (no features) with its first invoice open, until that invoice is paid (its `hostedInvoiceUrl`,
 * or `POST /v1/invoices/:id/pay`); unpaid after 23 hours it is `incomplete_expired`.
 */
@Injectable()
export class SecretSubscribe {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PaymentMethodsRepository) private readonly methods: PaymentMethodsRepository,
    @Inject(CheckoutSessionsService) private readonly checkout: CheckoutSessionsService,
  ) {}

  async subscribe(scope: MerchantScope, input: NewSubscription): Promise<Subscription> {
    const price = await this.products.getPrice(scope, input.priceId);
    if (price.amount === 0) return this.subscriptions.create(scope, input);
    if ((input.trialDays ?? price.trialDays) > 0) return this.subscriptions.create(scope, { ...input, collectsPayment: true });
    const method = await this.methods.defaultOf(this.db, scope, input.customerId);
    if (!method) return this.subscriptions.create(scope, { ...input, incomplete: true });
    const { session, confirmation } = await this.checkout.payWithSavedMethod(scope, input, method.id, false);
    if (confirmation.status === 'complete') return this.subscriptions.get(scope, confirmation.subscriptionId!);
    await this.checkout.abandonSavedMethod(session.id);
    const failure = confirmation.requiredAction.failure ?? {
      code: 'authentication_required',
      declineCode: null,
      message: 'The bank asks the customer to confirm this payment: they can pay the invoice on its page.',
    };
    return this.subscriptions.create(scope, { ...input, incomplete: true, firstPaymentFailure: failure });
  }
}
