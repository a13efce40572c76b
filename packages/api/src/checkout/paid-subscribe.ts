import { Inject, Injectable } from '@nestjs/common';
import type { CustomerView, MerchantScope } from '../auth/credential';
import { paymentError } from '../errors/errors';
import { ProductsRepository } from '../products/products.repository';
import type { Subscription } from '../subscriptions/subscription';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import type { NewSubscription } from '../subscriptions/subscriptions.repository';
import { CheckoutSessionsService } from './checkout-sessions.service';

const THROUGH_CHECKOUT = 'pay through checkout (POST /v1/me/checkout-sessions with this priceId), which saves the card and subscribes';

/**
 * Starting a subscription takes the money its price costs. A free price starts at once; a trial
 * starts at once and is charged at its end; any other paid price is charged to the card on file
 * first (a saved-method checkout: one durable attempt). What happens when that cannot be done
 * depends on who asks: a signed-in customer gets a 402 and nothing changes (checkout is the way);
 * a secret key gets an `incomplete` subscription whose first invoice waits for the payment
 * (Stripe's `allow_incomplete`), `incomplete_expired` after 23 hours unpaid.
 */
@Injectable()
export class PaidSubscribe {
  constructor(
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(CheckoutSessionsService) private readonly checkout: CheckoutSessionsService,
  ) {}

  /** `POST /v1/me/subscriptions`. A paid subscription replaces the customer's free one. */
  async selfServe(viewer: CustomerView, priceId: string): Promise<Subscription> {
    const scope = { merchantId: viewer.merchantId, mode: viewer.mode };
    const customerId = viewer.customerId;
    const price = await this.products.getPrice(scope, priceId);
    if (price.amount === 0) return this.subscriptions.create(scope, { customerId, priceId }, { selfServe: true });
    const { trialDays } = await this.subscriptions.selfServeTerms(scope, customerId, price);
    if (trialDays > 0) return this.subscriptions.create(scope, { customerId, priceId, collectsPayment: true }, { selfServe: true, replacesFree: true });
    const charged = await this.checkout.chargeCardOnFile(scope, { customerId, priceId }, true);
    if ('subscriptionId' in charged) return this.subscriptions.get(scope, charged.subscriptionId, customerId);
    const { failure } = charged;
    if (!failure) throw paymentError('payment_method_required', `This price is paid and there is no card on file: ${THROUGH_CHECKOUT}.`, 'priceId');
    if (failure.code === 'authentication_required') throw paymentError('authentication_required', `The bank asks the customer to confirm this payment: ${THROUGH_CHECKOUT}.`);
    throw paymentError('payment_failed', `${failure.message} Nothing was charged or changed: ${THROUGH_CHECKOUT}.`);
  }

  /** `POST /v1/subscriptions`. */
  async secretKey(scope: MerchantScope, input: NewSubscription): Promise<Subscription> {
    const price = await this.products.getPrice(scope, input.priceId);
    if (price.amount === 0) return this.subscriptions.create(scope, input);
    if ((input.trialDays ?? price.trialDays) > 0) return this.subscriptions.create(scope, { ...input, collectsPayment: true });
    const charged = await this.checkout.chargeCardOnFile(scope, input, false);
    if ('subscriptionId' in charged) return this.subscriptions.get(scope, charged.subscriptionId);
    return this.subscriptions.create(scope, { ...input, incomplete: true, firstPaymentFailure: charged.failure ?? undefined });
  }
}
