import { Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView } from '../auth/credential';
import { Viewer } from '../auth/request-context';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { deletedPaymentMethodSchema, paymentMethodListSchema, paymentMethodSchema } from './payment-method.schemas';
import { PaymentMethodsRepository } from './payment-methods.repository';

/** `/v1/me/payment-methods`: the token's customer's cards, for the billing portal. */
@Controller('v1/me/payment-methods')
@Allow('session')
export class MyPaymentMethodsController {
  readonly #methods: PaymentMethodsRepository;

  constructor(@Inject(PaymentMethodsRepository) methods: PaymentMethodsRepository) {
    this.#methods = methods;
  }

  @Get()
  @RequireOperation('read_customer')
  @ApiOperation({ summary: "The token's customer's payment methods (the default first)", response: paymentMethodListSchema })
  list(@Viewer() viewer: CustomerView) {
    return this.#methods.list(viewer, viewer.customerId);
  }

  @Post(':id/default')
  @HttpCode(200)
  @RequireOperation('manage_subscription')
  @ApiOperation({ summary: "Make one of the token's customer's methods the default", response: paymentMethodSchema })
  setDefault(@Viewer() viewer: CustomerView, @Param('id') id: string) {
    return this.#methods.setDefault(viewer, id, viewer.customerId);
  }

  @Delete(':id')
  @RequireOperation('manage_subscription')
  @ApiOperation({ summary: "Remove one of the token's customer's methods", response: deletedPaymentMethodSchema })
  detach(@Viewer() viewer: CustomerView, @Param('id') id: string) {
    return this.#methods.detach(viewer, id, viewer.customerId);
  }
}
