import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import { DEFAULT_MERCHANT_ID } from '../bootstrap/seed-merchant';
import { Database } from '../storage/database';
import { newId } from '../storage/ids';
import { assertAcceptableWebhookUrl } from './webhook-url-policy';

/**
 * `BILLINGOS_WEBHOOK_URL` (the `webhookEndpoint` option): at start, the test merchant's test-mode
 * endpoint for every event type, signed with `BILLINGOS_WEBHOOK_SECRET`, is created or brought up
 * to date (URL, secret, enabled again), so one command still wires a local app. Its URL follows
 * the test-mode rules (loopback such as http://localhost:3000 is fine; a private address stops
 * the start with the reason). It counts among the merchant's endpoints, but is never refused for
 * their number. Without the option an endpoint made by an earlier start stays as it is (delete
 * it through the API).
 */
@Injectable()
export class EnvWebhookEndpoint implements OnApplicationBootstrap {
  readonly #db: Database;
  readonly #url: string | undefined;

  constructor(@Inject(Database) db: Database, @Inject(API_CONFIG) config: ApiConfig) {
    this.#db = db;
    this.#url = config.webhookEndpoint;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.#url) return;
    try {
      await assertAcceptableWebhookUrl(this.#url, 'test');
    } catch (error) {
      throw new Error(`BILLINGOS_WEBHOOK_URL is not usable: ${(error as Error).message}`);
    }
    await this.#db.query(
      `INSERT INTO webhook_endpoints (id, merchant_id, mode, url, description, enabled_events, secret, source)
       SELECT $1, m.id, 'test', $3, 'BILLINGOS_WEBHOOK_URL', '["*"]', m.webhook_secret, 'env' FROM merchants m WHERE m.id = $2 AND m.webhook_secret IS NOT NULL
       ON CONFLICT (merchant_id, mode) WHERE source = 'env' DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
         enabled_events = EXCLUDED.enabled_events, disabled = false, disabled_reason = NULL, failing_since = NULL, updated_at = now()`,
      [newId('we'), DEFAULT_MERCHANT_ID, this.#url],
    );
  }
}
