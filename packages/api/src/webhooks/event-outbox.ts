import { Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';

export type EventType = 'customer.created' | 'customer.updated' | 'customer.deleted' | 'subscription.created' | 'subscription.updated' | 'subscription.canceled';

/**
 * Records events in the same transaction as the change they describe, so an event exists
 * exactly when its change committed; the delivery worker sends them later.
 */
@Injectable()
export class EventOutbox {
  async record(tx: Queryable, scope: MerchantScope, type: EventType, data: object): Promise<void> {
    await tx.query('INSERT INTO webhook_events (id, merchant_id, mode, type, data) VALUES ($1, $2, $3, $4, $5)', [
      newId('evt'),
      scope.merchantId,
      scope.mode,
      type,
      JSON.stringify(data),
    ]);
  }
}
