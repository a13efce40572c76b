import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '../auth/allow.decorator';
import { ApiError } from '../errors/api-error';
import { STORAGE_RETRY_AFTER_SECONDS } from '../errors/to-api-error';
import { Database } from '../storage/database';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { healthSchema } from './health.schemas';

/** `GET /health`: liveness plus a round trip to storage. */
@Controller('health')
export class HealthController {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness and storage reachability', response: healthSchema })
  async check() {
    try {
      await this.#db.query('SELECT 1');
    } catch {
      throw new ApiError({
        status: 503,
        type: 'api_error',
        code: 'storage_unreachable',
        message: `The API cannot reach its ${this.#db.kind} storage.`,
        headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
      });
    }
    return { status: 'ok', storage: this.#db.kind };
  }
}
