import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { EntitlementsModule } from '../entitlements/entitlements.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { MeController } from './me.controller';
import { MySubscriptionsController } from './my-subscriptions.controller';

@Module({
  imports: [CustomersModule, EntitlementsModule, SubscriptionsModule],
  controllers: [MeController, MySubscriptionsController],
})
export class MeModule {}
