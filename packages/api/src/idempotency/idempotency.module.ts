import { Module } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency-store';
import { IdempotencySweeper } from './idempotency-sweeper';

@Module({
  providers: [IdempotencyStore, IdempotencyInterceptor, IdempotencySweeper],
  exports: [IdempotencyInterceptor],
})
export class IdempotencyModule {}
