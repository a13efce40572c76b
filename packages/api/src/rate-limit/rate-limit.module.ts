import { Module } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { AuthModule } from '../auth/auth.module';
import { Database } from '../storage/database';
import { MemoryWindowCounter } from './memory-window-counter';
import { PostgresWindowCounter } from './postgres-window-counter';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitSweeper } from './rate-limit-sweeper';
import { WindowCounter } from './window-counter';

/** Rate limits: counted in PostgreSQL when the API runs on it (one limit for every node), else in memory. The guard itself is registered by AppModule. */
@Module({
  imports: [AuthModule],
  providers: [
    {
      provide: WindowCounter,
      inject: [Database, API_CONFIG],
      useFactory: (db: Database, config: ApiConfig): WindowCounter =>
        db.kind === 'postgres' ? new PostgresWindowCounter(db, config.rateLimit) : new MemoryWindowCounter(config.rateLimit),
    },
    RateLimitGuard,
    RateLimitSweeper,
  ],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
