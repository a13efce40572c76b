import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { singlePage } from '../pagination/page';
import type { Page } from '../pagination/page';
import { Database } from '../storage/database';
import { Clock } from '../time/clock';
import { asOf } from '../time/customer-time';
import { combineGrants } from './entitlement';
import type { Entitlement } from './entitlement';
import { grantRowsSql, grantsOf, mergeLifetimeGrants } from './feature-grant';
import type { FeatureGrant, GrantRow } from './feature-grant';

/** Features granted by a customer's active and trialing subscriptions (at the customer's time), each key once. */
@Injectable()
export class EntitlementsRepository {
  readonly #db: Database;
  readonly #clock: Clock;

  constructor(@Inject(Database) db: Database, @Inject(Clock) clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async forCustomer(scope: MerchantScope, customerId: string): Promise<Page<Entitlement>> {
    const rows = await this.#db.query<GrantRow>(`${grantRowsSql('$3')} ORDER BY sub.id`, [scope.merchantId, scope.mode, customerId]);
    const byKey = new Map<string, FeatureGrant[]>();
    for (const row of rows) {
      for (const grant of grantsOf(row, asOf(row.clock_time, this.#clock))) {
        byKey.set(grant.feature.key, [...(byKey.get(grant.feature.key) ?? []), grant]);
      }
    }
    return singlePage([...byKey.values()].map((grants) => combineGrants(mergeLifetimeGrants(grants))));
  }
}
