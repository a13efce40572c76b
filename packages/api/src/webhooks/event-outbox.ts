import { Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import type { EventType } from '../events/event-type';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { deliveryIdSql } from './delivery-id';

export type { EventType } from '../events/event-type';

export interface EventOptions {
  /** When it happened: a test-clock customer's events carry the clock's time. @default now */
  createdAt?: Date | undefined;
  /** The changed fields' values before the change. */
  previousAttributes?: object | undefined;
}

/**
 * Records events in the same transaction as the change they describe, together with one
 * pending delivery per enabled endpoint of that merchant and mode that wants the type: an event
 * and its deliveries exist exactly when its change committed; the deliverer sends them later.
 */
@Injectable()
export class EventOutbox {
  async record(tx: Queryable, scope: MerchantScope, type: EventType, data: object, options: EventOptions = {}): Promise<void> {
    const id = newId('evt');
    await tx.query(
      'INSERT INTO webhook_events (id, merchant_id, mode, type, data, previous_attributes, created_at) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, now()))',
      [
        id,
        scope.merchantId,
        scope.mode,
        type,
        JSON.stringify(data),
        options.previousAttributes ? JSON.stringify(options.previousAttributes) : null,
        options.createdAt ?? null,
      ],
    );
    await tx.query(
      `INSERT INTO webhook_deliveries (id, endpoint_id, event_id)
       SELECT ${deliveryIdSql('$1', 'e.id')}, e.id, $1 FROM webhook_endpoints e
       WHERE e.merchant_id = $2 AND e.mode = $3 AND NOT e.disabled
         AND (e.enabled_events @> '["*"]'::jsonb OR e.enabled_events @> jsonb_build_array($4::text))`,
      [id, scope.merchantId, scope.mode, type],
    );
  }
}
