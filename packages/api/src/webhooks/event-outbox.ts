import { Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';

export type EventType =
  | 'customer.created'
  | 'customer.updated'
  | 'customer.deleted'
  | 'subscription.created'
  | 'subscription.updated'
  | 'subscription.renewed'
  | 'subscription.canceled'
  | 'subscription.trial_will_end'
  | 'entitlement.limit_reached';

export interface EventOptions {
  /** When it happened: a test-clock customer's events carry the clock's time. @default now */
  createdAt?: Date | undefined;
  /** The changed fields' values before the change. */
  previousAttributes?: object | undefined;
}

/**
 * Records events in the same transaction as the change they describe, so an event exists
 * exactly when its change committed; the delivery worker sends them later.
 */
@Injectable()
export class EventOutbox {
  async record(tx: Queryable, scope: MerchantScope, type: EventType, data: object, options: EventOptions = {}): Promise<void> {
    await tx.query(
      'INSERT INTO webhook_events (id, merchant_id, mode, type, data, previous_attributes, created_at) VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, now()))',
      [
        newId('evt'),
        scope.merchantId,
        scope.mode,
        type,
        JSON.stringify(data),
        options.previousAttributes ? JSON.stringify(options.previousAttributes) : null,
        options.createdAt ?? null,
      ],
    );
  }
}
