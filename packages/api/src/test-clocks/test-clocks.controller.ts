import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ApiError } from '../errors/api-error';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { TestClocksRepository } from './test-clocks.repository';
import { advanceTestClockBody, createTestClockBody, listTestClocksQuery } from './test-clock.schemas';
import type { AdvanceTestClockBody, CreateTestClockBody, ListTestClocksQuery } from './test-clock.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { deletedTestClockSchema, testClockListSchema, testClockSchema } from './test-clock.schemas';

/** `/v1/test-clocks`: secret key, test mode only (a live key gets 404, as if they did not exist). */
@Controller('v1/test-clocks')
@Allow('secret')
export class TestClocksController {
  readonly #clocks: TestClocksRepository;

  constructor(@Inject(TestClocksRepository) clocks: TestClocksRepository) {
    this.#clocks = clocks;
  }

  @Post()
  @ApiOperation({ summary: 'Create a test clock', body: createTestClockBody, response: testClockSchema })
  create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createTestClockBody)) body: CreateTestClockBody) {
    return this.#clocks.create(testMode(caller), body);
  }

  @Get()
  @ApiOperation({ summary: 'List test clocks', query: listTestClocksQuery, response: testClockListSchema })
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listTestClocksQuery, 'query')) query: ListTestClocksQuery) {
    return this.#clocks.list(testMode(caller), query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a test clock', response: testClockSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#clocks.get(testMode(caller), id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a test clock with its customers and their subscriptions', response: deletedTestClockSchema })
  delete(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#clocks.delete(testMode(caller), id);
  }

  @Post(':id/advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Advance a test clock, running every transition due by then', body: advanceTestClockBody, response: testClockSchema })
  advance(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(advanceTestClockBody)) body: AdvanceTestClockBody) {
    return this.#clocks.advance(testMode(caller), id, body.frozenTime);
  }
}

function testMode(caller: SecretCredential): SecretCredential {
  if (caller.mode === 'test') return caller;
  throw new ApiError({
    status: 404,
    type: 'not_found_error',
    code: 'test_mode_only',
    message: 'Test clocks exist only in test mode: call /v1/test-clocks with your sk_test_ key.',
  });
}
