import { Module } from '@nestjs/common';
import { MyPaymentMethodsController } from './my-payment-methods.controller';
import { PaymentMethodsController } from './payment-methods.controller';
import { PaymentMethodsRepository } from './payment-methods.repository';
import { PaymentProviders } from './payment-providers';
import { TestPaymentProvider } from './test-payment-provider';

/** Payment methods on the provider seam (the built-in test provider in test mode). */
@Module({
  controllers: [PaymentMethodsController, MyPaymentMethodsController],
  providers: [TestPaymentProvider, PaymentProviders, PaymentMethodsRepository],
  exports: [PaymentProviders, PaymentMethodsRepository, TestPaymentProvider],
})
export class PaymentsModule {}
