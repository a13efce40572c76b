import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import { CustomersRepository } from '../customers/customers.repository';
import { invalidRequest, notFound } from '../errors/errors';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { ProductsRepository } from '../products/products.repository';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { EventOutbox } from '../webhooks/event-outbox';
import type { EventType } from '../webhooks/event-outbox';
import { addInterval } from './billing-period';
import { SUBSCRIPTION_SELECT, toSubscription } from './subscription';
import type { Subscription, SubscriptionRow, SubscriptionStatus } from './subscription';

/** SQL for the status a reader sees: cancel-at-period-end takes effect once the period is over. */
export const EFFECTIVE_STATUS = "(CASE WHEN s.cancel_at_period_end AND s.current_period_end <= now() THEN 'canceled' ELSE s.status END)";

export interface NewSubscription {
  customerId: string;
  priceId: string;
  trialDays?: number | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface SubscriptionChange {
  priceId?: string | undefined;
  cancelAtPeriodEnd?: boolean | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface SubscriptionFilter {
  customerId?: string | undefined;
  status?: SubscriptionStatus | undefined;
}

/** Subscriptions scoped by merchant and mode; `customerId` in a filter narrows to one customer (the `/v1/me` view). */
@Injectable()
export class SubscriptionsRepository {
  readonly #db: Database;
  readonly #customers: CustomersRepository;
  readonly #products: ProductsRepository;
  readonly #outbox: EventOutbox;

  constructor(
    @Inject(Database) db: Database,
    @Inject(CustomersRepository) customers: CustomersRepository,
    @Inject(ProductsRepository) products: ProductsRepository,
    @Inject(EventOutbox) outbox: EventOutbox,
  ) {
    this.#db = db;
    this.#customers = customers;
    this.#products = products;
    this.#outbox = outbox;
  }

  async create(scope: MerchantScope, input: NewSubscription): Promise<Subscription> {
    await this.#customers.get(scope, input.customerId, 'customerId');
    const price = await this.#products.getPrice(scope, input.priceId);
    const now = new Date();
    const trialDays = input.trialDays ?? price.trialDays;
    const trialEnd = trialDays > 0 ? addInterval(now, 'day', trialDays) : null;
    const periodEnd = trialEnd ?? addInterval(now, price.interval, price.intervalCount);
    return this.#db.transaction(async (tx) => {
      const id = newId('sub');
      await tx.query(
        `INSERT INTO subscriptions (id, merchant_id, mode, customer_id, price_id, status, current_period_start, current_period_end, trial_end, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, scope.merchantId, scope.mode, input.customerId, price.id, trialEnd ? 'trialing' : 'active', now, periodEnd, trialEnd, JSON.stringify(input.metadata ?? {})],
      );
      return this.#emit(tx, scope, id, 'subscription.created');
    });
  }

  async get(scope: MerchantScope, id: string, customerId?: string): Promise<Subscription> {
    return toSubscription(await this.#row(this.#db, scope, id, customerId));
  }

  async list(scope: MerchantScope, filter: SubscriptionFilter, page: PageRequest): Promise<Page<Subscription>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let where = `${SUBSCRIPTION_SELECT} WHERE s.merchant_id = $1 AND s.mode = $2`;
    if (filter.customerId !== undefined) {
      params.push(filter.customerId);
      where += ` AND s.customer_id = $${params.length}`;
    }
    if (filter.status !== undefined) {
      params.push(filter.status);
      where += ` AND ${EFFECTIVE_STATUS} = $${params.length}`;
    }
    const query = paginate(where, params, page, 's.id');
    return toPage(await this.#db.query<SubscriptionRow>(query.sql, query.params), query.limit, toSubscription);
  }

  /** Plan change (`priceId`), scheduling or undoing cancellation, metadata. */
  async update(scope: MerchantScope, id: string, change: SubscriptionChange, customerId?: string): Promise<Subscription> {
    const price = change.priceId ? await this.#products.getPrice(scope, change.priceId) : undefined;
    return this.#db.transaction(async (tx) => {
      const current = toSubscription(await this.#row(tx, scope, id, customerId, true));
      if (current.status === 'canceled') throw canceledError(id);
      await tx.query(
        `UPDATE subscriptions SET price_id = COALESCE($2, price_id), cancel_at_period_end = COALESCE($3, cancel_at_period_end),
           metadata = COALESCE($4::jsonb, metadata), updated_at = now() WHERE id = $1`,
        [id, price?.id ?? null, change.cancelAtPeriodEnd ?? null, change.metadata ? JSON.stringify(change.metadata) : null],
      );
      return this.#emit(tx, scope, id, 'subscription.updated');
    });
  }

  /** Cancels now, or at the end of the current period. */
  async cancel(scope: MerchantScope, id: string, atPeriodEnd: boolean, customerId?: string): Promise<Subscription> {
    return this.#db.transaction(async (tx) => {
      const current = toSubscription(await this.#row(tx, scope, id, customerId, true));
      if (current.status === 'canceled') throw canceledError(id);
      if (atPeriodEnd) {
        await tx.query('UPDATE subscriptions SET cancel_at_period_end = true, updated_at = now() WHERE id = $1', [id]);
        return this.#emit(tx, scope, id, 'subscription.updated');
      }
      await tx.query(
        "UPDATE subscriptions SET status = 'canceled', canceled_at = now(), cancel_at_period_end = false, updated_at = now() WHERE id = $1",
        [id],
      );
      return this.#emit(tx, scope, id, 'subscription.canceled');
    });
  }

  async #row(db: Queryable, scope: MerchantScope, id: string, customerId?: string, forUpdate = false): Promise<SubscriptionRow> {
    const params: unknown[] = [scope.merchantId, scope.mode, id];
    let sql = `${SUBSCRIPTION_SELECT} WHERE s.merchant_id = $1 AND s.mode = $2 AND s.id = $3`;
    if (customerId !== undefined) {
      params.push(customerId);
      sql += ` AND s.customer_id = $4`;
    }
    const rows = await db.query<SubscriptionRow>(forUpdate ? `${sql} FOR UPDATE OF s` : sql, params);
    if (!rows[0]) throw notFound('subscription', id);
    return rows[0];
  }

  async #emit(tx: Queryable, scope: MerchantScope, id: string, type: EventType): Promise<Subscription> {
    const subscription = toSubscription(await this.#row(tx, scope, id));
    await this.#outbox.record(tx, scope, type, subscription);
    return subscription;
  }
}

function canceledError(id: string) {
  return invalidRequest('subscription_canceled', `Subscription "${id}" is canceled and cannot change. Create a new subscription instead.`, 'id');
}
