import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { invalidRequest, notFound } from '../errors/errors';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { toDeliveryAttempt } from './webhook-delivery-attempt';
import type { WebhookDeliveryAttempt, WebhookDeliveryAttemptRow } from './webhook-delivery-attempt';
import { newWebhookSecret, toWebhookEndpoint, withSecret } from './webhook-endpoint';
import type { WebhookEndpoint, WebhookEndpointRow, WebhookEndpointWithSecret } from './webhook-endpoint';
import { assertAcceptableWebhookUrl } from './webhook-url-policy';
import { WebhookUrlRefusal } from './webhook-url-refusal';

export interface WebhookEndpointInput {
  url: string;
  enabledEvents: string[];
  description?: string | undefined;
}

export interface WebhookEndpointPatch {
  url?: string | undefined;
  enabledEvents?: string[] | undefined;
  description?: string | null | undefined;
  disabled?: boolean | undefined;
}

/** Endpoints a merchant may have per mode (Stripe's limit per account). */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/** Webhook endpoints of one merchant in one mode; every query is scoped by both. */
@Injectable()
export class WebhookEndpointsRepository {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  /**
   * Checks the URL for the key's mode (public addresses only; test mode also takes loopback and
   * http), then stores it with a fresh secret, unless the merchant has `MAX_WEBHOOK_ENDPOINTS` in
   * this mode already.
   */
  async create(scope: MerchantScope, input: WebhookEndpointInput): Promise<WebhookEndpointWithSecret> {
    await checkUrl(input.url, scope);
    return this.#db.transaction(async (tx) => {
      // Concurrent creates of one merchant count one after the other (the lock leaves rows that reference the merchant alone).
      await tx.query('SELECT 1 FROM merchants WHERE id = $1 FOR NO KEY UPDATE', [scope.merchantId]);
      const [counted] = await tx.query<{ endpoints: number }>('SELECT count(*)::int AS endpoints FROM webhook_endpoints WHERE merchant_id = $1 AND mode = $2', [scope.merchantId, scope.mode]);
      if (counted!.endpoints >= MAX_WEBHOOK_ENDPOINTS) {
        throw invalidRequest(
          'webhook_endpoint_limit',
          `This account already has ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints in ${scope.mode} mode, the most it may have. Delete one you no longer use (DELETE /v1/webhook-endpoints/:id), or point one at a new URL with PATCH, instead of creating another.`,
        );
      }
      const rows = await tx.query<WebhookEndpointRow>(
        'INSERT INTO webhook_endpoints (id, merchant_id, mode, url, description, enabled_events, secret) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *',
        [newId('we'), scope.merchantId, scope.mode, input.url, input.description ?? null, JSON.stringify(input.enabledEvents), newWebhookSecret()],
      );
      return withSecret(rows[0]!);
    });
  }

  async get(scope: MerchantScope, id: string, param = 'id'): Promise<WebhookEndpoint> {
    return toWebhookEndpoint(await this.#row(this.#db, scope, id, param));
  }

  async list(scope: MerchantScope, page: PageRequest): Promise<Page<WebhookEndpoint>> {
    const query = paginate('SELECT * FROM webhook_endpoints WHERE merchant_id = $1 AND mode = $2', [scope.merchantId, scope.mode], page);
    return toPage(await this.#db.query<WebhookEndpointRow>(query.sql, query.params), query.limit, toWebhookEndpoint);
  }

  /**
   * Changes what the patch names. `disabled: false` also clears `disabledReason` and the failure
   * streak, and makes the endpoint's pending deliveries due now.
   */
  async update(scope: MerchantScope, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint> {
    if (patch.url !== undefined) await checkUrl(patch.url, scope);
    return this.#db.transaction(async (tx) => {
      const current = await this.#row(tx, scope, id, 'id', true);
      const enabling = patch.disabled === false && current.disabled;
      const rows = await tx.query<WebhookEndpointRow>(
        `UPDATE webhook_endpoints SET url = $2, enabled_events = $3, description = $4, disabled = $5,
           disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END, failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [
          id,
          patch.url ?? current.url,
          JSON.stringify(patch.enabledEvents ?? current.enabled_events),
          patch.description === undefined ? current.description : patch.description,
          patch.disabled ?? current.disabled,
          // Only `disabled: false` forgives the failures; editing a failing endpoint keeps its streak.
          patch.disabled === false,
        ],
      );
      if (enabling) await tx.query('UPDATE webhook_deliveries SET next_attempt_at = now() WHERE endpoint_id = $1 AND delivered_at IS NULL AND given_up_at IS NULL', [id]);
      return toWebhookEndpoint(rows[0]!);
    });
  }

  /** Deletes the endpoint with its pending deliveries and their attempts. */
  async delete(scope: MerchantScope, id: string): Promise<{ id: string; object: 'webhook_endpoint'; deleted: true }> {
    const rows = await this.#db.query('DELETE FROM webhook_endpoints WHERE merchant_id = $1 AND mode = $2 AND id = $3 RETURNING id', [scope.merchantId, scope.mode, id]);
    if (!rows[0]) throw notFound('webhook_endpoint', id);
    return { id, object: 'webhook_endpoint', deleted: true };
  }

  /**
   * A new secret; the current one keeps signing next to it for `expiresIn` seconds (each delivery
   * carries both signatures), so receivers can switch without dropping an event.
   */
  async rotateSecret(scope: MerchantScope, id: string, expiresIn: number): Promise<WebhookEndpointWithSecret> {
    return this.#db.transaction(async (tx) => {
      await this.#row(tx, scope, id, 'id', true);
      const rows = await tx.query<WebhookEndpointRow>(
        `UPDATE webhook_endpoints SET
           previous_secret = CASE WHEN $3::int > 0 THEN secret END,
           previous_secret_expires_at = CASE WHEN $3::int > 0 THEN now() + make_interval(secs => $3::int) END,
           secret = $2, updated_at = now()
         WHERE id = $1 RETURNING *`,
        [id, newWebhookSecret(), expiresIn],
      );
      return withSecret(rows[0]!);
    });
  }

  /** The endpoint's delivery attempts, newest first, optionally of one event. */
  async attempts(scope: MerchantScope, id: string, filter: { eventId?: string | undefined }, page: PageRequest): Promise<Page<WebhookDeliveryAttempt>> {
    await this.#row(this.#db, scope, id);
    const params: unknown[] = [id];
    let sql = 'SELECT * FROM webhook_delivery_attempts WHERE endpoint_id = $1';
    if (filter.eventId) {
      params.push(filter.eventId);
      sql += ` AND event_id = $${params.length}`;
    }
    const query = paginate(sql, params, page);
    return toPage(await this.#db.query<WebhookDeliveryAttemptRow>(query.sql, query.params), query.limit, toDeliveryAttempt);
  }

  async #row(db: Queryable, scope: MerchantScope, id: string, param = 'id', forUpdate = false): Promise<WebhookEndpointRow> {
    const sql = 'SELECT * FROM webhook_endpoints WHERE merchant_id = $1 AND mode = $2 AND id = $3';
    const rows = await db.query<WebhookEndpointRow>(forUpdate ? `${sql} FOR UPDATE` : sql, [scope.merchantId, scope.mode, id]);
    if (!rows[0]) throw notFound('webhook_endpoint', id, param);
    return rows[0];
  }
}

async function checkUrl(url: string, scope: MerchantScope): Promise<void> {
  try {
    await assertAcceptableWebhookUrl(url, scope.mode);
  } catch (error) {
    if (error instanceof WebhookUrlRefusal) throw invalidRequest(error.code, error.message, 'url');
    throw error;
  }
}
