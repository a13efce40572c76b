import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { Allow, RequireOperation } from '../auth/allow.decorator';
import type { CustomerView, SecretCredential } from '../auth/credential';
import { Caller, Viewer } from '../auth/request-context';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { invoiceListSchema, invoiceSchema, listInvoicesQuery, listMyInvoicesQuery } from './invoice.schemas';
import type { ListInvoicesQuery, ListMyInvoicesQuery } from './invoice.schemas';
import { InvoicesRepository } from './invoices.repository';

/** `/v1/invoices` (secret key) and `/v1/me/invoices` (the token's customer). */
@Controller('v1')
export class InvoicesController {
  readonly #invoices: InvoicesRepository;

  constructor(@Inject(InvoicesRepository) invoices: InvoicesRepository) {
    this.#invoices = invoices;
  }

  @Get('invoices')
  @Allow('secret')
  @ApiOperation({ summary: 'List invoices, newest first', query: listInvoicesQuery, response: invoiceListSchema })
  list(@Caller() caller: SecretCredential, @Query(new ZodValidationPipe(listInvoicesQuery, 'query')) query: ListInvoicesQuery) {
    const { limit, startingAfter, ...filter } = query;
    return this.#invoices.list(caller, filter, { limit, startingAfter });
  }

  @Get('invoices/:id')
  @Allow('secret')
  @ApiOperation({ summary: 'Retrieve an invoice', response: invoiceSchema })
  get(@Caller() caller: SecretCredential, @Param('id') id: string) {
    return this.#invoices.get(caller, id);
  }

  @Get('me/invoices')
  @Allow('session')
  @RequireOperation('read_subscription')
  @ApiOperation({ summary: "The token's customer's invoices, newest first", query: listMyInvoicesQuery, response: invoiceListSchema })
  mine(@Viewer() viewer: CustomerView, @Query(new ZodValidationPipe(listMyInvoicesQuery, 'query')) query: ListMyInvoicesQuery) {
    return this.#invoices.list(viewer, { customerId: viewer.customerId }, query);
  }
}
