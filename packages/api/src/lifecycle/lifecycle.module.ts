import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { HostedInvoicePaymentController } from '../invoices/hosted-invoice-payment.controller';
import { PayInvoiceController } from '../invoices/pay-invoice.controller';
import { PaymentsModule } from '../payments/payments.module';
import { InvoiceCollector } from './invoice-collector';
import { LifecycleWorker } from './lifecycle-worker';
import { SubscriptionLifecycle } from './subscription-lifecycle';

/** Time's side of subscriptions: the transitions, the worker that runs them when due, and the charging of the invoices they make. */
@Module({
  imports: [InvoicesModule, PaymentsModule],
  controllers: [PayInvoiceController, HostedInvoicePaymentController],
  providers: [SubscriptionLifecycle, InvoiceCollector, LifecycleWorker],
  exports: [SubscriptionLifecycle, InvoiceCollector, LifecycleWorker],
})
export class LifecycleModule {}
