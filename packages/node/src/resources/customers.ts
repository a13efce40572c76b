import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Customer, CustomerCreateParams, DeletedCustomer, CustomerListParams, CustomerUpdateParams } from './customer';
import type { Page } from './list-promise';

/** `/v1/customers`. */
@injectable()
export class Customers {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example await billing.customers.create({ externalUserId: 'user_123', email: 'ada@example.com' }); */
  create(params: CustomerCreateParams, options?: RequestOptions): Promise<Customer> {
    return this.#http.request({ method: 'POST', path: '/v1/customers', body: params }, options);
  }

  /** @example await billing.customers.retrieve('cus_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<Customer> {
    return this.#http.request({ method: 'GET', path: customerPath(id, 'retrieve') }, options);
  }

  /** @example await billing.customers.update('cus_123', { name: 'Ada' }); */
  async update(id: string, params: CustomerUpdateParams, options?: RequestOptions): Promise<Customer> {
    return this.#http.request({ method: 'PATCH', path: customerPath(id, 'update'), body: params }, options);
  }

  /** @example await billing.customers.del('cus_123'); */
  async del(id: string, options?: RequestOptions): Promise<DeletedCustomer> {
    return this.#http.request({ method: 'DELETE', path: customerPath(id, 'del') }, options);
  }

  /** @example for await (const customer of billing.customers.list({ externalUserId: 'user_123' })) … */
  list(params: CustomerListParams = {}, options?: RequestOptions): ListPromise<Customer> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const body = await this.#http.request<Page<Customer>>(
        { method: 'GET', path: '/v1/customers', query: { ...query, startingAfter: cursor } },
        options,
      );
      return toPage(body);
    }, startingAfter);
  }
}

function customerPath(id: string, method: string): string {
  return `/v1/customers/${idSegment(id, { method: `customers.${method}`, param: 'id', expected: "a customer id such as 'cus_123'" })}`;
}
