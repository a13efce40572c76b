import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { permissionError } from '../errors/errors';
import { EventStreams } from './event-streams';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { billingEventSchema } from './event.schemas';

/** `GET /v1/events/stream`: the test-mode key's new events as Server-Sent Events (what `billingos listen` reads). */
@Controller('v1/events')
@Allow('secret')
export class EventStreamController {
  readonly #streams: EventStreams;

  constructor(@Inject(EventStreams) streams: EventStreams) {
    this.#streams = streams;
  }

  @Get('stream')
  @ApiOperation({ summary: "The test-mode key's new events as Server-Sent Events (what `billingos listen` reads)", events: billingEventSchema })
  async stream(@Caller() caller: SecretCredential, @Res() response: Response): Promise<void> {
    if (caller.mode !== 'test') {
      throw permissionError('test_mode_only', 'The event stream is for development: call GET /v1/events/stream with your sk_test_ key. Live events go to webhook endpoints.');
    }
    await this.#streams.open(caller, response);
  }
}
