import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { singlePage } from '../pagination/page';
import type { Page } from '../pagination/page';
import { Database } from '../storage/database';
import { effectiveStatusSql } from '../subscriptions/subscription';
import { Clock } from '../time/clock';

/** A feature the customer may use, and the subscription that grants it. */
export interface Entitlement {
  object: 'entitlement';
  featureKey: string;
  productId: string;
  subscriptionId: string;
}

/** Features granted by a customer's active and trialing subscriptions, each key once. */
@Injectable()
export class EntitlementsRepository {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(@Inject(Database) db: Database, @Inject(Clock) clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async forCustomer(scope: MerchantScope, customerId: string): Promise<Page<Entitlement>> {
    const rows = await this.#db.query<{ subscription_id: string; product_id: string; feature_keys: string[] }>(
      `SELECT s.id AS subscription_id, products.id AS product_id, products.feature_keys
       FROM subscriptions s JOIN prices ON prices.id = s.price_id JOIN products ON products.id = prices.product_id
       WHERE s.merchant_id = $1 AND s.mode = $2 AND s.customer_id = $3 AND ${effectiveStatusSql('$4::timestamptz')} IN ('active', 'trialing')
       ORDER BY s.id`,
      [scope.merchantId, scope.mode, customerId, this.#clock.now()],
    );
    const byKey = new Map<string, Entitlement>();
    for (const row of rows) {
      for (const featureKey of row.feature_keys) {
        if (!byKey.has(featureKey)) byKey.set(featureKey, { object: 'entitlement', featureKey, productId: row.product_id, subscriptionId: row.subscription_id });
      }
    }
    return singlePage([...byKey.values()]);
  }
}
