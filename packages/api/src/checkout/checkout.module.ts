import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { PaymentsModule } from '../payments/payments.module';
import { ProductsModule } from '../products/products.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { CheckoutPageController } from './checkout-page.controller';
import { CheckoutPageQueries } from './checkout-page.details';
import { CheckoutExpiryWorker } from './checkout-expiry-worker';
import { CheckoutSessionsController } from './checkout-sessions.controller';
import { CheckoutSessionsService } from './checkout-sessions.service';
import { PaidSubscribe } from './paid-subscribe';
import { MyCheckoutSessionsController } from './my-checkout-sessions.controller';
import { CreateSubscriptionController } from './create-subscription.controller';
import { TestPaymentPageController } from './test-payment-page.controller';

/** Checkout: pay (or save a card) and subscribe, through the payment provider; the page buyers do it on. */
@Module({
  imports: [CustomersModule, InvoicesModule, PaymentsModule, ProductsModule, SubscriptionsModule],
  controllers: [CreateSubscriptionController, CheckoutSessionsController, MyCheckoutSessionsController, CheckoutPageController, TestPaymentPageController],
  providers: [CheckoutSessionsService, CheckoutPageQueries, CheckoutExpiryWorker, PaidSubscribe],
  exports: [PaidSubscribe],
})
export class CheckoutModule {}
