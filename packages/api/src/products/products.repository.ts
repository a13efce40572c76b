import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { notFound } from '../errors/errors';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { Database } from '../storage/database';
import { newId } from '../storage/ids';
import { toPrice, toProduct } from './product';
import type { Price, PriceRow, Product, ProductRow } from './product';
import type { CreateProductBody } from './product.schemas';

/** Products and their prices, scoped by merchant and mode. */
@Injectable()
export class ProductsRepository {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async create(scope: MerchantScope, input: CreateProductBody): Promise<Product> {
    return this.#db.transaction(async (tx) => {
      const [product] = await tx.query<ProductRow>(
        `INSERT INTO products (id, merchant_id, mode, name, description, feature_keys, features, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        [
          newId('prod'),
          scope.merchantId,
          scope.mode,
          input.name,
          input.description ?? null,
          // feature_keys is no longer read (features is); it is kept in step so a build from before
          // migration 006 still reads a product's keys after a rollback.
          JSON.stringify(input.features.map((feature) => feature.key)),
          JSON.stringify(input.features),
          JSON.stringify(input.metadata ?? {}),
        ],
      );
      const prices: PriceRow[] = [];
      for (const price of input.prices) {
        const rows = await tx.query<PriceRow>(
          `INSERT INTO prices (id, product_id, amount, currency, interval, interval_count, trial_days)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [newId('price'), product!.id, price.amount, price.currency, price.interval, price.intervalCount, price.trialDays],
        );
        prices.push(rows[0]!);
      }
      return toProduct(product!, prices);
    });
  }

  async get(scope: MerchantScope, id: string): Promise<Product> {
    const rows = await this.#db.query<ProductRow>('SELECT * FROM products WHERE merchant_id = $1 AND mode = $2 AND id = $3', [scope.merchantId, scope.mode, id]);
    if (!rows[0]) throw notFound('product', id);
    return toProduct(rows[0], await this.#pricesOf([id]));
  }

  async list(scope: MerchantScope, filter: { active?: boolean | undefined }, page: PageRequest): Promise<Page<Product>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let where = 'SELECT * FROM products WHERE merchant_id = $1 AND mode = $2';
    if (filter.active !== undefined) {
      params.push(filter.active);
      where += ` AND active = $${params.length}`;
    }
    const query = paginate(where, params, page);
    const rows = await this.#db.query<ProductRow>(query.sql, query.params);
    const prices = await this.#pricesOf(rows.map((row) => row.id));
    return toPage(rows, query.limit, (row) => toProduct(row, prices));
  }

  /** A price of this merchant and mode, with the feature keys of its product. */
  async getPrice(scope: MerchantScope, priceId: string, param = 'priceId'): Promise<Price & { productActive: boolean }> {
    const rows = await this.#db.query<PriceRow & { active: boolean }>(
      `SELECT prices.*, products.active FROM prices JOIN products ON products.id = prices.product_id
       WHERE products.merchant_id = $1 AND products.mode = $2 AND prices.id = $3`,
      [scope.merchantId, scope.mode, priceId],
    );
    if (!rows[0]) throw notFound('price', priceId, param);
    return { ...toPrice(rows[0]), productActive: rows[0].active };
  }

  async #pricesOf(productIds: string[]): Promise<PriceRow[]> {
    if (productIds.length === 0) return [];
    return this.#db.query<PriceRow>('SELECT * FROM prices WHERE product_id = ANY($1) ORDER BY product_id, id', [productIds]);
  }
}
