import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { EntitlementsController } from './entitlements.controller';
import { EntitlementsRepository } from './entitlements.repository';

@Module({
  imports: [CustomersModule],
  controllers: [EntitlementsController],
  providers: [EntitlementsRepository],
  exports: [EntitlementsRepository],
})
export class EntitlementsModule {}
