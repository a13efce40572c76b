import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Allow, Public } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { CustomersRepository } from '../customers/customers.repository';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { checkoutConfirmationSchema, checkoutSessionSchema, confirmCheckoutSessionBody, createCheckoutSessionBody } from './checkout-session.schemas';
import type { ConfirmCheckoutSessionBody, CreateCheckoutSessionBody } from './checkout-session.schemas';
import { CheckoutSessionsService } from './checkout-sessions.service';

/** `/v1/checkout-sessions`: created with the secret key; confirmed from the browser with the session's client secret. */
@Controller('v1/checkout-sessions')
export class CheckoutSessionsController {
  readonly #sessions: CheckoutSessionsService;
  readonly #customers: CustomersRepository;

  constructor(@Inject(CheckoutSessionsService) sessions: CheckoutSessionsService, @Inject(CustomersRepository) customers: CustomersRepository) {
    this.#sessions = sessions;
    this.#customers = customers;
  }

  @Post()
  @Allow('secret')
  @ApiOperation({ summary: 'Create a checkout session (a page to pay and subscribe, or to save a card)', body: createCheckoutSessionBody, response: checkoutSessionSchema })
  async create(@Caller() caller: SecretCredential, @Body(new ZodValidationPipe(createCheckoutSessionBody)) body: CreateCheckoutSessionBody) {
    const { customerId, externalUserId, ...session } = body;
    const owner = customerId ?? (await this.#customers.upsert(caller, { externalUserId: externalUserId! })).id;
    return this.#sessions.create(caller, { ...session, customerId: owner }, false);
  }

  @Get(':id')
  @Allow('secret')
  @ApiOperation({ summary: 'Retrieve a checkout session', response: checkoutSessionSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#sessions.get(caller, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Public('checkoutClientSecret')
  @ApiOperation({ summary: "Pay a checkout with a card or a saved method (authorised by the session's clientSecret)", body: confirmCheckoutSessionBody, response: checkoutConfirmationSchema })
  confirm(@Param('id') id: string, @Body(new ZodValidationPipe(confirmCheckoutSessionBody)) body: ConfirmCheckoutSessionBody, @Req() request: Request) {
    const secret = body.clientSecret ?? bearer(request);
    return this.#sessions.confirm(id, secret, body.card ? { card: body.card } : { paymentMethodId: body.paymentMethodId! });
  }
}

function bearer(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}
