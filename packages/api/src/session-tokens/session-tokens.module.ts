import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { SessionTokensController } from './session-tokens.controller';

@Module({
  imports: [CustomersModule],
  controllers: [SessionTokensController],
})
export class SessionTokensModule {}
