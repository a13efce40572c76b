import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { invalidRequest, notFound } from '../errors/errors';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { Database } from '../storage/database';
import { deliveryIdSql } from '../webhooks/delivery-id';
import { EVENT_COLUMNS, toEvent } from './event';
import type { BillingEvent, EventRow } from './event';
import { toWebhookDelivery } from './webhook-delivery';
import type { WebhookDelivery, WebhookDeliveryRow } from './webhook-delivery';

/** Events of one merchant in one mode (newest first), and their redelivery. */
@Injectable()
export class EventsRepository {
  readonly #db: Database;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async list(scope: MerchantScope, filter: { type?: string | undefined }, page: PageRequest): Promise<Page<BillingEvent>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let sql = `SELECT ${EVENT_COLUMNS} FROM webhook_events WHERE merchant_id = $1 AND mode = $2`;
    if (filter.type) {
      params.push(filter.type);
      sql += ` AND type = $${params.length}`;
    }
    const query = paginate(sql, params, page);
    return toPage(await this.#db.query<EventRow>(query.sql, query.params), query.limit, toEvent);
  }

  async get(scope: MerchantScope, id: string): Promise<BillingEvent> {
    const rows = await this.#db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM webhook_events WHERE merchant_id = $1 AND mode = $2 AND id = $3`, [
      scope.merchantId,
      scope.mode,
      id,
    ]);
    if (!rows[0]) throw notFound('event', id);
    return toEvent(rows[0]);
  }

  /**
   * Sends the event to the endpoint again, now, with a fresh run of retries: whether it was
   * delivered, given up, or never meant for that endpoint (another type, created later).
   */
  async redeliver(scope: MerchantScope, eventId: string, endpointId: string): Promise<WebhookDelivery> {
    await this.get(scope, eventId);
    const [endpoint] = await this.#db.query<{ disabled: boolean }>('SELECT disabled FROM webhook_endpoints WHERE merchant_id = $1 AND mode = $2 AND id = $3', [
      scope.merchantId,
      scope.mode,
      endpointId,
    ]);
    if (!endpoint) throw notFound('webhook_endpoint', endpointId, 'endpointId');
    if (endpoint.disabled) {
      throw invalidRequest('endpoint_disabled', `Webhook endpoint ${endpointId} is disabled: enable it with PATCH /v1/webhook-endpoints/${endpointId} { "disabled": false } first.`, 'endpointId');
    }
    const rows = await this.#db.query<WebhookDeliveryRow>(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id) VALUES (${deliveryIdSql('$2', '$1')}, $1, $2)
       ON CONFLICT (endpoint_id, event_id) DO UPDATE SET run_attempts = 0, next_attempt_at = now(), delivered_at = NULL, given_up_at = NULL
       RETURNING *`,
      [endpointId, eventId],
    );
    return toWebhookDelivery(rows[0]!);
  }
}
