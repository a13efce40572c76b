import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { EventsRepository } from './events.repository';
import { listEventsQuery, redeliverEventBody } from './event.schemas';
import type { ListEventsQuery, RedeliverEventBody } from './event.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { billingEventSchema, eventListSchema, webhookDeliverySchema } from './event.schemas';

/** `/v1/events`: what happened, per merchant and mode (secret key only), and redelivery to an endpoint. */
@Controller('v1/events')
@Allow('secret')
export class EventsController {
  readonly #events: EventsRepository;

  constructor(@Inject(EventsRepository) events: EventsRepository) {
    this.#events = events;
  }

  @Get()
  @ApiOperation({ summary: 'List events', query: listEventsQuery, response: eventListSchema })
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listEventsQuery, 'query')) query: ListEventsQuery) {
    return this.#events.list(caller, { type: query.type }, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve an event', response: billingEventSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#events.get(caller, id);
  }

  /** Queues the event for the endpoint now (202: the attempt itself shows up in the endpoint's deliveries). */
  @Post(':id/redeliver')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue an event for delivery to an endpoint now', body: redeliverEventBody, response: webhookDeliverySchema })
  redeliver(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(redeliverEventBody)) body: RedeliverEventBody) {
    return this.#events.redeliver(caller, id, body.endpointId);
  }
}
