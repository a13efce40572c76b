import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Allow } from '../auth/allow.decorator';
import type { SecretCredential } from '../auth/credential';
import { Caller } from '../auth/request-context';
import { InvoiceCollector } from '../lifecycle/invoice-collector';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { invoiceSchema, payInvoiceBody } from './invoice.schemas';
import type { PayInvoiceBody } from './invoice.schemas';

/**
 * `POST /v1/invoices/:id/pay`: charge an open invoice now. Registered by the lifecycle module,
 * whose invoice collector runs the charge (the invoices module sits below it).
 */
@Controller('v1/invoices')
export class PayInvoiceController {
  readonly #collector: InvoiceCollector;

  constructor(@Inject(InvoiceCollector) collector: InvoiceCollector) {
    this.#collector = collector;
  }

  @Post(':id/pay')
  @HttpCode(200)
  @Allow('secret')
  @ApiOperation({
    summary: 'Pay an open invoice now',
    description:
      "Charges the customer's default method (or `paymentMethodId`) once, with the invoice's own attempt. Answers the paid invoice (a past-due subscription becomes active); a refused charge is recorded on the invoice (`lastPaymentError`, `invoice.payment_failed`) and answers 402 `payment_error`.",
    body: payInvoiceBody,
    response: invoiceSchema,
  })
  pay(@Caller() caller: SecretCredential, @Param('id') id: string, @Body(new ZodValidationPipe(payInvoiceBody)) body: PayInvoiceBody) {
    return this.#collector.payNow(caller, id, body.paymentMethodId);
  }
}
