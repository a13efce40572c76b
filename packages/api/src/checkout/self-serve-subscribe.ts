import { Inject, Injectable } from '@nestjs/common';
import type { CustomerView } from '../auth/credential';
import { paymentError } from '../errors/errors';
import { PaymentMethodsRepository } from '../payments/payment-methods.repository';
import { ProductsRepository } from '../products/products.repository';
import { Database } from '../storage/database';
import type { Subscription } from '../subscriptions/subscription';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { CheckoutSessionsService } from './checkout-sessions.service';

const THROUGH_CHECKOUT = 'pay through checkout (POST /v1/me/checkout-sessions with this priceId), which saves the card and subscribes';

/**
 * `POST /v1/me/subscriptions`: a signed-in customer reaches a paid price only by paying. A free
 * price subscribes at once; a trial subscribes and is charged at its end; any other paid price
 * is charged to the card on file first (402, and nothing changes, when there is none or it is
 * refused: checkout is then the way). A paid subscription replaces the customer's free one.
 */
@Injectable()
export class SelfServeSubscribe {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PaymentMethodsRepository) private readonly methods: PaymentMethodsRepository,
    @Inject(CheckoutSessionsService) private readonly checkout: CheckoutSessionsService,
  ) {}

  async subscribe(viewer: CustomerView, priceId: string): Promise<Subscription> {
    const scope = { merchantId: viewer.merchantId, mode: viewer.mode };
    const customerId = viewer.customerId;
    const price = await this.products.getPrice(scope, priceId);
    if (price.amount === 0) return this.subscriptions.create(scope, { customerId, priceId }, { selfServe: true });
    const { trialDays } = await this.subscriptions.selfServeTerms(scope, customerId, price);
    if (trialDays > 0) return this.subscriptions.create(scope, { customerId, priceId, collectsPayment: true }, { selfServe: true, replacesFree: true });
    const method = await this.methods.defaultOf(this.db, scope, customerId);
    if (!method) throw paymentError('payment_method_required', `This price is paid and there is no card on file: ${THROUGH_CHECKOUT}.`, 'priceId');
    const { session, confirmation } = await this.checkout.payWithSavedMethod(scope, { customerId, priceId }, method.id, true);
    if (confirmation.status === 'complete') return this.subscriptions.get(scope, confirmation.subscriptionId!, customerId);
    await this.checkout.abandonSavedMethod(session.id);
    const { code, failure } = confirmation.requiredAction;
    if (code === 'requires_action') throw paymentError('authentication_required', `The bank asks the customer to confirm this payment: ${THROUGH_CHECKOUT}.`);
    throw paymentError('payment_failed', `${failure?.message ?? 'The card on file was refused.'} Nothing was charged or changed: ${THROUGH_CHECKOUT}.`);
  }
}
