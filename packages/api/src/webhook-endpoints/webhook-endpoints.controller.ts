import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { createWebhookEndpointBody, listDeliveryAttemptsQuery, listWebhookEndpointsQuery, rotateSecretBody, updateWebhookEndpointBody } from './webhook-endpoint.schemas';
import type {
  CreateWebhookEndpointBody,
  ListDeliveryAttemptsQuery,
  ListWebhookEndpointsQuery,
  RotateSecretBody,
  UpdateWebhookEndpointBody,
} from './webhook-endpoint.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { deletedWebhookEndpointSchema, webhookDeliveryAttemptListSchema, webhookEndpointListSchema, webhookEndpointSchema, webhookEndpointWithSecretSchema } from './webhook-endpoint.schemas';

/** Default overlap of a rotation: a day in which both secrets sign. */
const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;

/** `/v1/webhook-endpoints`: secret key only, per merchant and mode. */
@Controller('v1/webhook-endpoints')
@Allow('secret')
export class WebhookEndpointsController {
  readonly #endpoints: WebhookEndpointsRepository;

  constructor(@Inject(WebhookEndpointsRepository) endpoints: WebhookEndpointsRepository) {
    this.#endpoints = endpoints;
  }

  @Post()
  @ApiOperation({ summary: 'Create a webhook endpoint (answers its secret, once)', body: createWebhookEndpointBody, response: webhookEndpointWithSecretSchema })
  create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createWebhookEndpointBody)) body: CreateWebhookEndpointBody) {
    return this.#endpoints.create(caller, body);
  }

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints', query: listWebhookEndpointsQuery, response: webhookEndpointListSchema })
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listWebhookEndpointsQuery, 'query')) query: ListWebhookEndpointsQuery) {
    return this.#endpoints.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a webhook endpoint', response: webhookEndpointSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#endpoints.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a webhook endpoint', body: updateWebhookEndpointBody, response: webhookEndpointSchema })
  update(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(updateWebhookEndpointBody)) body: UpdateWebhookEndpointBody) {
    return this.#endpoints.update(caller, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook endpoint', response: deletedWebhookEndpointSchema })
  delete(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#endpoints.delete(caller, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate the signing secret (the previous one keeps signing for `expiresIn` seconds)', body: rotateSecretBody, response: webhookEndpointWithSecretSchema })
  rotateSecret(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(rotateSecretBody)) body: RotateSecretBody) {
    return this.#endpoints.rotateSecret(caller, id, body.expiresIn ?? DEFAULT_ROTATION_OVERLAP_SECONDS);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "List an endpoint's delivery attempts", query: listDeliveryAttemptsQuery, response: webhookDeliveryAttemptListSchema })
  deliveries(@Caller() caller: SecretCredential, @Param('id') id: string, @Query(new ZodValidationPipe(listDeliveryAttemptsQuery, 'query')) query: ListDeliveryAttemptsQuery) {
    return this.#endpoints.attempts(caller, id, { eventId: query.eventId }, query);
  }
}
