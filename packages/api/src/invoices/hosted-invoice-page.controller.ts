import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { sendHtmlPage } from '../http/html-page';
import { HtmlPages } from '../http/html-pages.decorator';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { HostedInvoiceQueries } from './hosted-invoice-page.details';
import { hostedInvoicePage } from './hosted-invoice-page.view';
import { hostedInvoicePath } from './invoice';

/** `GET /invoices/:token`: an invoice's `hostedInvoiceUrl`, a printable page; the unguessable token is the permission. */
@Controller('invoices')
@HtmlPages()
export class HostedInvoicePageController {
  readonly #queries: HostedInvoiceQueries;

  constructor(@Inject(HostedInvoiceQueries) queries: HostedInvoiceQueries) {
    this.#queries = queries;
  }

  @Get(':token')
  @ApiOperation({ summary: "An invoice's printable page (HTML): its `hostedInvoiceUrl`", html: true })
  async show(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const { invoice, parties } = await this.#queries.page(token);
    sendHtmlPage(response, 200, hostedInvoicePage(invoice, parties, { path: hostedInvoicePath(token) }));
  }
}
