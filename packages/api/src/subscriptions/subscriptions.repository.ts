import { Inject, Injectable } from '@nestjs/common';
import type { MerchantScope } from '../auth/credential';
import type { ApiError } from '../errors/api-error';
import { invalidRequest, notFound, paymentError } from '../errors/errors';
import { SubscriptionLifecycle, writeState } from '../lifecycle/subscription-lifecycle';
import type { TimelineState } from '../lifecycle/subscription-timeline';
import { dueAt } from '../lifecycle/subscription-timeline';
import { InvoicesRepository } from '../invoices/invoices.repository';
import type { PaymentFailureBody } from '../payments/payment-failure.schemas';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { ProductsRepository } from '../products/products.repository';
import type { Price } from '../products/product';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { Clock } from '../time/clock';
import { asOf } from '../time/customer-time';
import { EventOutbox } from '../webhooks/event-outbox';
import type { EventType } from '../webhooks/event-outbox';
import { addInterval } from './billing-period';
import { SUBSCRIPTION_SELECT, effectiveStatusSql, timelineState, toSubscription } from './subscription';
import type { Subscription, SubscriptionRow, SubscriptionStatus } from './subscription';
import { ENDED_STATUSES, ENDED_STATUSES_SQL } from './subscription.schemas';

export interface NewSubscription {
  customerId: string;
  priceId: string;
  trialDays?: number | undefined;
  metadata?: Record<string, string> | undefined;
  /** Started by paying (checkout): each later period is invoiced and charged to the default method. */
  collectsPayment?: boolean | undefined;
  /**
   * Starts `incomplete` with its first invoice open (and not charged by the collector on its own):
   * the caller charges it, or the customer pays it on its hosted page. Implies `collectsPayment`.
   */
  incomplete?: boolean | undefined;
  /** Why charging the first invoice failed already (recorded on it, with `invoice.payment_failed`). */
  firstPaymentFailure?: PaymentFailureBody | undefined;
}

export interface SubscriptionChange {
  priceId?: string | undefined;
  /** When a `priceId` change takes effect. @default 'now' */
  effective?: 'now' | 'period_end' | undefined;
  /** `null` drops a scheduled plan change. */
  scheduledChange?: null | undefined;
  cancelAtPeriodEnd?: boolean | undefined;
  metadata?: Record<string, string> | undefined;
}

export interface SubscriptionFilter {
  customerId?: string | undefined;
  status?: SubscriptionStatus | undefined;
}

/** Who asks: a session token (the customer itself) is held to the self-serve rules. */
export interface WriteOptions {
  customerId?: string | undefined;
  selfServe?: boolean | undefined;
  /**
   * Paid for (a self-serve checkout): the customer's free subscriptions do not stand in the way
   * and are canceled, in the same transaction, as the paid one starts.
   */
  replacesFree?: boolean | undefined;
}

/** Subscriptions scoped by merchant and mode; `customerId` in a filter narrows to one customer (the `/v1/me` view). */
@Injectable()
export class SubscriptionsRepository {
  readonly #db: Database;
  readonly #products: ProductsRepository;
  readonly #outbox: EventOutbox;
  readonly #lifecycle: SubscriptionLifecycle;
  readonly #clock: Clock;
  readonly #invoices: InvoicesRepository;

  constructor(
    @Inject(Database) db: Database,
    @Inject(ProductsRepository) products: ProductsRepository,
    @Inject(EventOutbox) outbox: EventOutbox,
    @Inject(SubscriptionLifecycle) lifecycle: SubscriptionLifecycle,
    @Inject(Clock) clock: Clock,
    @Inject(InvoicesRepository) invoices: InvoicesRepository,
  ) {
    this.#db = db;
    this.#products = products;
    this.#outbox = outbox;
    this.#lifecycle = lifecycle;
    this.#clock = clock;
    this.#invoices = invoices;
  }

  /** Starts a subscription on the customer's time (its test clock's, if it has one). */
  async create(scope: MerchantScope, input: NewSubscription, options: WriteOptions = {}): Promise<Subscription> {
    const price = await this.#products.getPrice(scope, input.priceId);
    if (options.selfServe && !price.productActive) {
      throw invalidRequest('product_inactive', `Price "${price.id}" belongs to an archived product; subscribe to a price of an active product.`, 'priceId');
    }
    return this.#db.transaction(async (tx) => {
      const customer = await lockCustomer(tx, scope, input.customerId);
      const now = asOf(customer.frozen_time, this.#clock);
      if (options.selfServe) await this.#assertNoLiveSubscription(tx, input.customerId, now, replacesFree(price, options));
      if (options.replacesFree) await this.#cancelLiveFree(tx, scope, input.customerId, now);
      const trialDays = options.selfServe && (await hadTrial(tx, input.customerId, price.productId)) ? 0 : (input.trialDays ?? price.trialDays);
      const trialEnd = trialDays > 0 ? addInterval(now, 'day', trialDays) : null;
      const anchor = trialEnd ?? now;
      const state: TimelineState = {
        status: input.incomplete ? 'incomplete' : trialEnd ? 'trialing' : 'active',
        price,
        scheduledPrice: null,
        currentPeriodStart: now,
        currentPeriodEnd: trialEnd ?? addInterval(now, price.interval, price.intervalCount),
        billingCycleAnchor: anchor,
        trialEnd,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        trialWillEndSent: false,
        createdAt: now,
      };
      const id = newId('sub');
      await tx.query(
        `INSERT INTO subscriptions (id, merchant_id, mode, customer_id, price_id, status, current_period_start, current_period_end,
           billing_cycle_anchor, trial_end, metadata, test_clock_id, due_at, created_at, updated_at, collects_payment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)`,
        [id, scope.merchantId, scope.mode, input.customerId, price.id, state.status, now, state.currentPeriodEnd, anchor, trialEnd,
          JSON.stringify(input.metadata ?? {}), customer.test_clock_id, dueAt(state), now, (input.collectsPayment || input.incomplete) ?? false],
      );
      const created = await this.#emit(tx, scope, id, 'subscription.created');
      if (input.incomplete) await this.#invoiceFirstPeriod(tx, scope, created, now, input.firstPaymentFailure);
      return created;
    });
  }

  /** The first invoice of an `incomplete` subscription: open, waiting for its payment. */
  async #invoiceFirstPeriod(tx: Queryable, scope: MerchantScope, subscription: Subscription, now: Date, failure: PaymentFailureBody | undefined): Promise<void> {
    await this.#invoices.createOpen(tx, scope, {
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
      billingReason: 'subscription_create',
      currency: subscription.price.currency,
      lines: [await this.#invoices.periodLine(tx, subscription)],
      at: now,
      collect: false,
      failure,
    });
  }

  /**
   * What a self-serve subscription to `price` would be refused for (an archived product, a
   * subscription that is not canceled yet), checked before a checkout takes any money; and the
   * trial it would get (one per customer and product).
   */
  async selfServeTerms(scope: MerchantScope, customerId: string, price: Price & { productActive: boolean }): Promise<{ trialDays: number }> {
    if (!price.productActive) {
      throw invalidRequest('product_inactive', `Price "${price.id}" belongs to an archived product; subscribe to a price of an active product.`, 'priceId');
    }
    return this.#db.transaction(async (tx) => {
      const customer = await lockCustomer(tx, scope, customerId);
      await this.#assertNoLiveSubscription(tx, customerId, asOf(customer.frozen_time, this.#clock), price.amount > 0);
      return { trialDays: (await hadTrial(tx, customerId, price.productId)) ? 0 : price.trialDays };
    });
  }

  async get(scope: MerchantScope, id: string, customerId?: string): Promise<Subscription> {
    return this.#view(await this.#row(this.#db, scope, id, customerId));
  }

  async list(scope: MerchantScope, filter: SubscriptionFilter, page: PageRequest): Promise<Page<Subscription>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let where = `${SUBSCRIPTION_SELECT} WHERE s.merchant_id = $1 AND s.mode = $2`;
    if (filter.customerId !== undefined) {
      params.push(filter.customerId);
      where += ` AND s.customer_id = $${params.length}`;
    }
    if (filter.status !== undefined) {
      params.push(this.#clock.now(), filter.status);
      where += ` AND ${effectiveStatusSql(`$${params.length - 1}::timestamptz`)} = $${params.length}`;
    }
    const query = paginate(where, params, page, 's.id');
    return toPage(await this.#db.query<SubscriptionRow>(query.sql, query.params), query.limit, (row) => this.#view(row));
  }

  /** Plan change (now or at period end), scheduling or undoing cancellation, metadata. */
  async update(scope: MerchantScope, id: string, change: SubscriptionChange, options: WriteOptions = {}): Promise<Subscription> {
    const price = change.priceId ? await this.#products.getPrice(scope, change.priceId) : undefined;
    if (price && options.selfServe && !price.productActive) {
      throw invalidRequest('product_inactive', `Price "${price.id}" belongs to an archived product; change to a price of an active product.`, 'priceId');
    }
    return this.#db.transaction(async (tx) => {
      const { row, now } = await this.#present(tx, scope, id, options.customerId);
      const state = timelineState(row);
      if (ENDED_STATUSES.has(state.status)) throw canceledError(id, state.status);
      if (state.status === 'incomplete' && (price || change.cancelAtPeriodEnd !== undefined || change.scheduledChange !== undefined)) throw incompleteError(id);
      if (options.selfServe && price && price.amount > 0 && state.price.amount === 0) throw paidFromFreeError(price.id);
      const next = changedState(state, change, price);
      await writeState(tx, id, next, now);
      if (change.metadata) await tx.query('UPDATE subscriptions SET metadata = $2 WHERE id = $1', [id, JSON.stringify(change.metadata)]);
      return this.#emit(tx, scope, id, 'subscription.updated', now);
    });
  }

  /** Cancels now, or at the end of the current period (which drops a scheduled plan change). */
  async cancel(scope: MerchantScope, id: string, atPeriodEnd: boolean, options: WriteOptions = {}): Promise<Subscription> {
    return this.#db.transaction(async (tx) => {
      const { row, now } = await this.#present(tx, scope, id, options.customerId);
      const state = timelineState(row);
      if (ENDED_STATUSES.has(state.status)) throw canceledError(id, state.status);
      if (atPeriodEnd && state.status !== 'incomplete') {
        await writeState(tx, id, { ...state, cancelAtPeriodEnd: true, scheduledPrice: null }, now);
        return this.#emit(tx, scope, id, 'subscription.updated', now);
      }
      return this.#cancelNow(tx, scope, id, state, now);
    });
  }

  /**
   * Cancels every subscription of the customer that is not canceled yet, each with its
   * `subscription.canceled` (what deleting the customer does first, in the same transaction).
   */
  async cancelAllOfCustomer(scope: MerchantScope, customerId: string): Promise<void> {
    const rows = await this.#db.query<{ id: string }>(
      `SELECT id FROM subscriptions WHERE merchant_id = $1 AND mode = $2 AND customer_id = $3 AND status NOT IN ${ENDED_STATUSES_SQL} ORDER BY id`,
      [scope.merchantId, scope.mode, customerId],
    );
    for (const { id } of rows) {
      await this.#db.transaction(async (tx) => {
        const { row, now } = await this.#present(tx, scope, id);
        const state = timelineState(row);
        if (!ENDED_STATUSES.has(state.status)) await this.#cancelNow(tx, scope, id, state, now);
      });
    }
  }

  async #cancelNow(tx: Queryable, scope: MerchantScope, id: string, state: TimelineState, now: Date): Promise<Subscription> {
    await writeState(tx, id, { ...state, status: 'canceled', canceledAt: now, cancelAtPeriodEnd: false, scheduledPrice: null }, now);
    const canceled = await this.#emit(tx, scope, id, 'subscription.canceled', now);
    await this.#invoices.voidOpen(tx, scope, id, now);
    return canceled;
  }

  /** The locked row with every transition due by the customer's present run first (with their events). */
  async #present(tx: Queryable, scope: MerchantScope, id: string, customerId?: string): Promise<{ row: SubscriptionRow; now: Date }> {
    const locked = await this.#row(tx, scope, id, customerId, true);
    const now = asOf(locked.clock_time, this.#clock);
    return { row: await this.#lifecycle.catchUp(tx, locked, now), now };
  }

  /** Refuses a second live subscription; with `freeGivesWay`, live free ones are allowed (a paid subscription replaces them). */
  async #assertNoLiveSubscription(tx: Queryable, customerId: string, now: Date, freeGivesWay = false): Promise<void> {
    const rows = await tx.query<{ id: string }>(
      `SELECT s.id FROM subscriptions s JOIN prices p ON p.id = s.price_id
       WHERE s.customer_id = $1 AND ${effectiveStatusSql('$2::timestamptz')} NOT IN ${ENDED_STATUSES_SQL} AND ($3::boolean IS FALSE OR p.amount > 0) LIMIT 1`,
      [customerId, now, freeGivesWay],
    );
    if (rows[0]) {
      throw invalidRequest(
        'subscription_exists',
        `This customer already has subscription "${rows[0].id}". Change its plan with PATCH /v1/me/subscriptions/${rows[0].id} instead of subscribing again.`,
        'priceId',
      );
    }
  }

  /** Cancels the customer's live free subscriptions now (each with `subscription.canceled`): a paid one replaces them. */
  async #cancelLiveFree(tx: Queryable, scope: MerchantScope, customerId: string, now: Date): Promise<void> {
    const rows = await tx.query<{ id: string }>(
      `SELECT s.id FROM subscriptions s JOIN prices p ON p.id = s.price_id
       WHERE s.customer_id = $1 AND p.amount = 0 AND ${effectiveStatusSql('$2::timestamptz')} NOT IN ${ENDED_STATUSES_SQL} ORDER BY s.id`,
      [customerId, now],
    );
    for (const { id } of rows) {
      const { row, now: at } = await this.#present(tx, scope, id);
      const state = timelineState(row);
      if (!ENDED_STATUSES.has(state.status)) await this.#cancelNow(tx, scope, id, state, at);
    }
  }

  #view(row: SubscriptionRow): Subscription {
    return toSubscription(row, asOf(row.clock_time, this.#clock));
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

  async #emit(tx: Queryable, scope: MerchantScope, id: string, type: EventType, at?: Date): Promise<Subscription> {
    const row = await this.#row(tx, scope, id);
    const time = at ?? asOf(row.clock_time, this.#clock);
    const subscription = toSubscription(row, time);
    await this.#outbox.record(tx, scope, type, subscription, { createdAt: time });
    return subscription;
  }
}

/** The state after a PATCH: a price now or at period end, a dropped schedule, cancellation on or off. */
function changedState(state: TimelineState, change: SubscriptionChange, price: Price | undefined): TimelineState {
  const next = { ...state, cancelAtPeriodEnd: change.cancelAtPeriodEnd ?? state.cancelAtPeriodEnd };
  if (change.scheduledChange === null) next.scheduledPrice = null;
  if (price && change.effective === 'period_end') {
    if (next.cancelAtPeriodEnd) {
      throw invalidRequest('subscription_canceling', 'This subscription cancels at the end of its period, so a change then would never run. Send cancelAtPeriodEnd: false with it to resume.', 'effective');
    }
    next.scheduledPrice = price.id === state.price.id ? null : price;
  } else if (price) {
    next.price = price;
    next.scheduledPrice = null;
  }
  if (next.cancelAtPeriodEnd) next.scheduledPrice = null;
  return next;
}

interface LockedCustomer {
  [column: string]: unknown;
  test_clock_id: string | null;
  frozen_time: Date | null;
}

/** The customer's row, locked so two self-serve subscribes cannot both pass the one-subscription rule. */
async function lockCustomer(tx: Queryable, scope: MerchantScope, customerId: string): Promise<LockedCustomer> {
  const rows = await tx.query<LockedCustomer>(
    `SELECT c.test_clock_id, tc.frozen_time FROM customers c LEFT JOIN test_clocks tc ON tc.id = c.test_clock_id
     WHERE c.merchant_id = $1 AND c.mode = $2 AND c.id = $3 FOR UPDATE OF c`,
    [scope.merchantId, scope.mode, customerId],
  );
  if (!rows[0]) throw notFound('customer', customerId, 'customerId');
  return rows[0];
}

async function hadTrial(tx: Queryable, customerId: string, productId: string): Promise<boolean> {
  const rows = await tx.query(
    'SELECT 1 FROM subscriptions s JOIN prices p ON p.id = s.price_id WHERE s.customer_id = $1 AND p.product_id = $2 AND s.trial_end IS NOT NULL LIMIT 1',
    [customerId, productId],
  );
  return rows.length > 0;
}

function canceledError(id: string, status: string) {
  const why = status === 'canceled' ? 'is canceled' : 'expired before its first invoice was paid';
  return invalidRequest('subscription_canceled', `Subscription "${id}" ${why} and cannot change. Create a new subscription instead.`, 'id');
}

function incompleteError(id: string) {
  return invalidRequest(
    'subscription_incomplete',
    `Subscription "${id}" is incomplete: its first invoice is not paid. Pay it (POST /v1/invoices/:id/pay, or its hostedInvoiceUrl) before changing the plan, or cancel it.`,
    'id',
  );
}

/** A paid price replaces the free subscriptions only when it is paid for: a self-serve checkout (or the card on file). */
function replacesFree(price: Price, options: WriteOptions): boolean {
  return price.amount > 0 && options.replacesFree === true;
}

/** Self-serve, a free plan becomes a paid one only by paying, which subscribing to the paid price does. */
function paidFromFreeError(priceId: string): ApiError {
  return paymentError(
    'payment_required',
    `Moving from a free plan to price "${priceId}" takes a payment: subscribe to it (POST /v1/me/subscriptions charges the card on file) or pay through checkout (POST /v1/me/checkout-sessions); either replaces the free subscription once paid.`,
    'priceId',
  );
}
