import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { SubscriptionsRepository } from './subscriptions.repository';
import { cancelSubscriptionBody, listSubscriptionsQuery, updateSubscriptionBody } from './subscription.schemas';
import type { CancelSubscriptionBody, ListSubscriptionsQuery, UpdateSubscriptionBody } from './subscription.schemas';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { subscriptionListSchema, subscriptionSchema } from './subscription.schemas';

/** `/v1/subscriptions`: secret key only (creating one takes money: `CreateSubscriptionController`, with checkout). */
@Controller('v1/subscriptions')
@Allow('secret')
export class SubscriptionsController {
  readonly #subscriptions: SubscriptionsRepository;

  constructor(@Inject(SubscriptionsRepository) subscriptions: SubscriptionsRepository) {
    this.#subscriptions = subscriptions;
  }

  @Get()
  @ApiOperation({ summary: 'List subscriptions', query: listSubscriptionsQuery, response: subscriptionListSchema })
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listSubscriptionsQuery, 'query')) query: ListSubscriptionsQuery) {
    return this.#subscriptions.list(caller, { customerId: query.customerId, status: query.status }, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Retrieve a subscription', response: subscriptionSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#subscriptions.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a subscription: change the plan now or at the period end, drop a scheduled change, resume', body: updateSubscriptionBody, response: subscriptionSchema })
  update(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(updateSubscriptionBody)) body: UpdateSubscriptionBody) {
    return this.#subscriptions.update(caller, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a subscription now or at the period end', body: cancelSubscriptionBody, response: subscriptionSchema })
  cancel(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(cancelSubscriptionBody)) body: CancelSubscriptionBody) {
    return this.#subscriptions.cancel(caller, id, body.atPeriodEnd);
  }
}
