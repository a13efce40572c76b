import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { MeController } from './me.controller';

@Module({
  imports: [CustomersModule],
  controllers: [MeController],
})
export class MeModule {}
