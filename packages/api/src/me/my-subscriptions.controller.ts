import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView } from '../auth/credential';
import { Viewer } from '../auth/request-context';
import { PaidSubscribe } from '../checkout/paid-subscribe';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import {
  cancelSubscriptionBody,
  createMySubscriptionBody,
  listMySubscriptionsQuery,
  updateMySubscriptionBody,
} from '../subscriptions/subscription.schemas';
import type {
  CancelSubscriptionBody,
  CreateMySubscriptionBody,
  ListMySubscriptionsQuery,
  UpdateMySubscriptionBody,
} from '../subscriptions/subscription.schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { subscriptionListSchema, subscriptionSchema } from '../subscriptions/subscription.schemas';

/** `/v1/me/subscriptions`: the token's customer reads its subscriptions and, with `manage_subscription`, changes them. */
@Controller('v1/me/subscriptions')
export class MySubscriptionsController {
  readonly #subscriptions: SubscriptionsRepository;
  readonly #subscribe: PaidSubscribe;

  constructor(@Inject(SubscriptionsRepository) subscriptions: SubscriptionsRepository, @Inject(PaidSubscribe) subscribe: PaidSubscribe) {
    this.#subscriptions = subscriptions;
    this.#subscribe = subscribe;
  }

  @Get()
  @Allow('session', 'publishable')
  @RequireOperation('read_subscription')
  @ApiOperation({ summary: "List the token's customer's subscriptions", query: listMySubscriptionsQuery, response: subscriptionListSchema })
  list(@Viewer() viewer: CustomerView, @Query(new ZodValidationPipe(listMySubscriptionsQuery, 'query')) query: ListMySubscriptionsQuery) {
    return this.#subscriptions.list(viewer, { customerId: viewer.customerId, status: query.status }, query);
  }

  @Get(':id')
  @Allow('session', 'publishable')
  @RequireOperation('read_subscription')
  @ApiOperation({ summary: "Retrieve one of the token's customer's subscriptions", response: subscriptionSchema })
  get(@Viewer() viewer: CustomerView, @Param('id') id: string) {
    return this.#subscriptions.get(viewer, id, viewer.customerId);
  }

  @Post()
  @Allow('session')
  @RequireOperation('manage_subscription')
  @ApiOperation({
    summary: "Subscribe the token's customer to a price (self-serve rules apply)",
    description:
      'A free price subscribes at once and a trial is charged at its end; any other paid price is charged to the card on file first, else 402 `payment_error` (`payment_method_required`, `payment_failed`, `authentication_required`) and nothing changes: send the customer through checkout. A paid subscription replaces a free one.',
    body: createMySubscriptionBody,
    response: subscriptionSchema,
  })
  create(@Viewer() viewer: CustomerView, @Body(new ZodValidationPipe(createMySubscriptionBody)) body: CreateMySubscriptionBody) {
    return this.#subscribe.selfServe(viewer, body.priceId);
  }

  @Patch(':id')
  @Allow('session')
  @RequireOperation('manage_subscription')
  @ApiOperation({ summary: 'Change plan, drop a scheduled change or resume (self-serve)', body: updateMySubscriptionBody, response: subscriptionSchema })
  update(@Viewer() viewer: CustomerView, @Param('id') id: string, @Body(new ZodValidationPipe(updateMySubscriptionBody)) body: UpdateMySubscriptionBody) {
    return this.#subscriptions.update(viewer, id, body, { customerId: viewer.customerId, selfServe: true });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow('session')
  @RequireOperation('manage_subscription')
  @ApiOperation({ summary: 'Cancel now or at the period end (self-serve)', body: cancelSubscriptionBody, response: subscriptionSchema })
  cancel(@Viewer() viewer: CustomerView, @Param('id') id: string, @Body(new ZodValidationPipe(cancelSubscriptionBody)) body: CancelSubscriptionBody) {
    return this.#subscriptions.cancel(viewer, id, body.atPeriodEnd, { customerId: viewer.customerId, selfServe: true });
  }
}
