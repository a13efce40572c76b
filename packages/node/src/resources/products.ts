import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import { ListPromise, toPage } from './list-promise';
import type { RequestOptions } from '../http/request-options';
import type { Page } from './list-promise';
import type { Product, ProductCreateParams, ProductListParams } from './product';

/** `/v1/products`. */
@injectable()
export class Products {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /** @example await billing.products.create({ name: 'Pro', prices: [{ amount: 2000, currency: 'usd', interval: 'month' }], featureKeys: ['exports'] }); */
  create(params: ProductCreateParams, options?: RequestOptions): Promise<Product> {
    return this.#http.request({ method: 'POST', path: '/v1/products', body: params }, options);
  }

  /** @example await billing.products.retrieve('prod_123'); */
  async retrieve(id: string, options?: RequestOptions): Promise<Product> {
    const segment = idSegment(id, { method: 'products.retrieve', param: 'id', expected: "a product id such as 'prod_123'" });
    return this.#http.request({ method: 'GET', path: `/v1/products/${segment}` }, options);
  }

  /** @example for await (const product of billing.products.list()) console.log(product.name); */
  list(params: ProductListParams = {}, options?: RequestOptions): ListPromise<Product> {
    const { startingAfter, ...query } = params;
    return new ListPromise(async (cursor) => {
      const body = await this.#http.request<Page<Product>>(
        { method: 'GET', path: '/v1/products', query: { ...query, startingAfter: cursor } },
        options,
      );
      return toPage(body);
    }, startingAfter);
  }
}
