import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Page } from './list-promise';
import type { Invoice, InvoiceListParams, InvoicePayParams } from './invoice';

/** `/v1/invoices`: what customers were billed and paid, numbered per mode without gaps. */
@injectable()
export class Invoices {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example const invoice = await billing.invoices.retrieve('in_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<Invoice> {
    return this.#http.request({ method: 'GET', path: `/v1/invoices/${idSegment(id, { method: 'invoices.retrieve', param: 'id', expected: "an invoice id such as 'in_123'" })}` }, options);
  }

  /**
   * Charges an open invoice now, to the customer's default method (or `paymentMethodId`); resolves
   * to the paid invoice. A refused charge is recorded on the invoice and rejects with a `PaymentError`.
   * Retried calls send one `Idempotency-Key`, and the invoice's own attempt charges once.
   * @example const paid = await billing.invoices.pay('in_123');
   */
  async pay(id: string, params: InvoicePayParams = {}, options?: RequestOptions): Promise<Invoice> {
    const path = `/v1/invoices/${idSegment(id, { method: 'invoices.pay', param: 'id', expected: "an invoice id such as 'in_123'" })}/pay`;
    return this.#http.request({ method: 'POST', path, body: params }, options);
  }

  /** @example for await (const invoice of billing.invoices.list({ customerId: 'cus_123', status: 'paid' })) console.log(invoice.number); */
  list(params: InvoiceListParams = {}, options?: RequestOptions): ListPromise<Invoice> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => toPage(await this.#http.request<Page<Invoice>>({ method: 'GET', path: '/v1/invoices', query: { ...query, startingAfter: cursor } }, options)), startingAfter);
  }
}
