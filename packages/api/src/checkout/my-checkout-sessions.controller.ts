import { Body, Controller, Inject, Post } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView } from '../auth/credential';
import { Viewer } from '../auth/request-context';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { checkoutSessionSchema, createMyCheckoutSessionBody } from './checkout-session.schemas';
import type { CreateMyCheckoutSessionBody } from './checkout-session.schemas';
import { CheckoutSessionsService } from './checkout-sessions.service';

/** `POST /v1/me/checkout-sessions`: the token's customer starts a checkout, held to the self-serve rules. */
@Controller('v1/me/checkout-sessions')
@Allow('session')
export class MyCheckoutSessionsController {
  readonly #sessions: CheckoutSessionsService;

  constructor(@Inject(CheckoutSessionsService) sessions: CheckoutSessionsService) {
    this.#sessions = sessions;
  }

  @Post()
  @RequireOperation('manage_subscription')
  @ApiOperation({ summary: "Start a checkout for the token's customer", body: createMyCheckoutSessionBody, response: checkoutSessionSchema })
  create(@Viewer() viewer: CustomerView, @Body(new ZodValidationPipe(createMyCheckoutSessionBody)) body: CreateMyCheckoutSessionBody) {
    return this.#sessions.create(viewer, { ...body, customerId: viewer.customerId }, true);
  }
}
