import { Body, Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { failureProblem, readCardForm } from '../checkout/checkout-page.form';
import { ApiError } from '../errors/api-error';
import { sendHtmlPage } from '../http/html-page';
import { HtmlPages } from '../http/html-pages.decorator';
import { InvoiceCollector } from '../lifecycle/invoice-collector';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { PaymentMethodsRepository } from '../payments/payment-methods.repository';
import { Clock } from '../time/clock';
import { HostedInvoiceQueries } from './hosted-invoice-page.details';
import { hostedInvoicePage } from './hosted-invoice-page.view';
import type { InvoicePayView } from './hosted-invoice-page.view';
import { hostedInvoicePath } from './invoice';
import type { Invoice } from './invoice';
import { InvoicesRepository } from './invoices.repository';

/**
 * `POST /invoices/:token`: an open invoice's page takes a card. The invoice is charged with it
 * once (the invoice's own attempt, as `POST /v1/invoices/:id/pay`) and, if it paid, the card is
 * kept as the customer's default method: 303 back to the page, which shows it paid (an
 * `incomplete` or `past_due` subscription becomes `active`); else the page again with why (400 a
 * field to fix, 402 refused, 409 another payment running).
 */
@Controller('invoices')
@HtmlPages()
export class HostedInvoicePaymentController {
  constructor(
    @Inject(InvoicesRepository) private readonly invoices: InvoicesRepository,
    @Inject(HostedInvoiceQueries) private readonly queries: HostedInvoiceQueries,
    @Inject(PaymentMethodsRepository) private readonly methods: PaymentMethodsRepository,
    @Inject(InvoiceCollector) private readonly collector: InvoiceCollector,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post(':token')
  @HttpCode(200)
  @ApiOperation({
    summary: "An open invoice's card form (HTML)",
    description: "Form-encoded `number`, `expiry` (MM / YY) and `cvc`: saves the card as the customer's default and pays the invoice. Answers 303 to the invoice's page once paid, else the page again: 400 a field to fix, 402 a refused card, 409 a payment in flight.",
    html: true,
  })
  async pay(@Param('token') token: string, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const path = hostedInvoicePath(token);
    const { invoice, parties } = await this.queries.page(token);
    if (invoice.status !== 'open') return response.redirect(303, path);
    const show = (status: number, pay: Omit<InvoicePayView, 'path'>, shown: Invoice = invoice) => sendHtmlPage(response, status, hostedInvoicePage(shown, parties, { path, ...pay }));
    const form = readCardForm(body, this.clock.now());
    if ('problem' in form) return show(400, form);
    const scope = { merchantId: parties.merchantId, mode: invoice.livemode ? ('live' as const) : ('test' as const) };
    let methodId: string | undefined;
    try {
      methodId = (await this.methods.attachCard(scope, invoice.customerId, form.card, false)).id;
      await this.collector.payNow(scope, invoice.id, methodId);
      await this.methods.setDefault(scope, methodId);
    } catch (error) {
      // A card that did not pay is not kept.
      if (methodId) await this.methods.detach(scope, methodId).catch(() => undefined);
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'payment_in_progress') return show(409, { processing: true });
      if (error.status !== 402) throw error;
      const after = await this.invoices.byHostedToken(token);
      return show(402, { problem: failureProblem({ code: error.code, declineCode: null, message: error.message }), expiry: form.expiry }, after ?? invoice);
    }
    response.redirect(303, path);
  }
}
