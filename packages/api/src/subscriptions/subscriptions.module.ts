import { Module } from '@nestjs/common';
import { InvoicesModule } from '../invoices/invoices.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { ProductsModule } from '../products/products.module';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsRepository } from './subscriptions.repository';

@Module({
  imports: [ProductsModule, LifecycleModule, InvoicesModule],
  controllers: [SubscriptionsController],
  providers: [SubscriptionsRepository],
  exports: [SubscriptionsRepository],
})
export class SubscriptionsModule {}
