import { Module } from '@nestjs/common';
import { CheckoutModule } from '../checkout/checkout.module';
import { CustomersModule } from '../customers/customers.module';
import { EntitlementsModule } from '../entitlements/entitlements.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { UsageModule } from '../usage/usage.module';
import { MeController } from './me.controller';
import { MyEntitlementCheckController } from './my-entitlement-check.controller';
import { MySubscriptionsController } from './my-subscriptions.controller';

@Module({
  imports: [CheckoutModule, CustomersModule, EntitlementsModule, SubscriptionsModule, UsageModule],
  controllers: [MeController, MySubscriptionsController, MyEntitlementCheckController],
})
export class MeModule {}
