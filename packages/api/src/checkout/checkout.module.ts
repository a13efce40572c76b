import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { PaymentsModule } from '../payments/payments.module';
import { ProductsModule } from '../products/products.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { CheckoutSessionsController } from './checkout-sessions.controller';
import { CheckoutSessionsService } from './checkout-sessions.service';
import { MyCheckoutSessionsController } from './my-checkout-sessions.controller';
import { TestPaymentPageController } from './test-payment-page.controller';

/** Checkout: pay (or save a card) and subscribe, through the payment provider. */
@Module({
  imports: [CustomersModule, InvoicesModule, PaymentsModule, ProductsModule, SubscriptionsModule],
  controllers: [CheckoutSessionsController, MyCheckoutSessionsController, TestPaymentPageController],
  providers: [CheckoutSessionsService],
})
export class CheckoutModule {}
