import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';

/** Per-merchant switches read on the request path. */
@Injectable()
export class MerchantSettings {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async legacyPublishableView(merchantId: string): Promise<boolean> {
    const rows = await this.#db.query<{ legacy_publishable_view: boolean }>('SELECT legacy_publishable_view FROM merchants WHERE id = $1', [merchantId]);
    return rows[0]?.legacy_publishable_view ?? false;
  }
}
