import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { attachPaymentMethodBody, deletedPaymentMethodSchema, paymentMethodListSchema, paymentMethodSchema } from './payment-method.schemas';
import type { AttachPaymentMethodBody } from './payment-method.schemas';
import { PaymentMethodsRepository } from './payment-methods.repository';

/** A customer's payment methods with the secret key: `/v1/customers/:id/payment-methods` and `/v1/payment-methods/:id`. */
@Controller('v1')
@Allow('secret')
export class PaymentMethodsController {
  readonly #methods: PaymentMethodsRepository;

  constructor(@Inject(PaymentMethodsRepository) methods: PaymentMethodsRepository) {
    this.#methods = methods;
  }

  @Get('customers/:id/payment-methods')
  @ApiOperation({ summary: "List a customer's payment methods (the default first)", response: paymentMethodListSchema })
  list(@Caller() caller: SecretCredential, @Param('id') customerId: string) {
    return this.#methods.list(caller, customerId);
  }

  @Post('customers/:id/payment-methods')
  @ApiOperation({ summary: 'Save a method your provider holds (in test mode, a pm_card_… alias) for a customer', body: attachPaymentMethodBody, response: paymentMethodSchema })
  attach(@Caller() caller: SecretCredential, @Param('id') customerId: string, @Body(new ZodValidationPipe(attachPaymentMethodBody)) body: AttachPaymentMethodBody) {
    return this.#methods.attachExisting(caller, customerId, body.paymentMethodId, body.setDefault ?? false);
  }

  @Post('payment-methods/:id/default')
  @HttpCode(200)
  @ApiOperation({ summary: "Make a method its customer's default", response: paymentMethodSchema })
  setDefault(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#methods.setDefault(caller, id);
  }

  @Delete('payment-methods/:id')
  @ApiOperation({ summary: 'Remove a payment method', response: deletedPaymentMethodSchema })
  detach(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#methods.detach(caller, id);
  }
}
