import { Inject, Injectable } from '@nestjs/common';
import { Database } from '../storage/database';
import type { Mode } from './credential';

/** Per-merchant switches read on the request path. */
@Injectable()
export class MerchantSettings {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  /** Whether publishable keys of `mode` may read the `/v1/me*` view (in live mode only when turned on there by name). */
  async legacyPublishableView(merchantId: string, mode: Mode): Promise<boolean> {
    const column = mode === 'live' ? 'legacy_publishable_view_live' : 'legacy_publishable_view';
    const rows = await this.#db.query<{ allowed: boolean }>(`SELECT ${column} AS allowed FROM merchants WHERE id = $1`, [merchantId]);
    return rows[0]?.allowed ?? false;
  }
}
