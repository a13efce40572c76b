import { Body, Controller, Inject, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { createSubscriptionBody, subscriptionSchema } from '../subscriptions/subscription.schemas';
import type { CreateSubscriptionBody } from '../subscriptions/subscription.schemas';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { PaidSubscribe } from './paid-subscribe';

/** `POST /v1/subscriptions`: here, beside checkout, because a paid price is charged before it starts. */
@Controller('v1/subscriptions')
@Allow('secret')
export class CreateSubscriptionController {
  readonly #subscribe: PaidSubscribe;

  constructor(@Inject(PaidSubscribe) subscribe: PaidSubscribe) {
    this.#subscribe = subscribe;
  }

  @Post()
  @ApiOperation({
    operationId: 'subscriptions.create',
    summary: 'Create a subscription',
    description:
      "A free price or a trial starts at once (the trial is charged at its end). Any other paid price is charged to the customer's default method first: paid, the subscription starts `active` with its paid invoice; refused, or without a method, it starts `incomplete` (no features) with its first invoice open until that invoice is paid (its `hostedInvoiceUrl`, or `POST /v1/invoices/:id/pay`), and is `incomplete_expired` after 23 hours unpaid.",
    body: createSubscriptionBody,
    response: subscriptionSchema,
  })
  create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createSubscriptionBody)) body: CreateSubscriptionBody) {
    return this.#subscribe.secretKey(caller, body);
  }
}
