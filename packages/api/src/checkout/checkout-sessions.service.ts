import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import type { MerchantScope } from '../auth/credential';
import { ApiError } from '../errors/api-error';
import { invalidRequest, notFound, paymentRunning } from '../errors/errors';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { CardError } from '../payments/card-error';
import type { PaymentFailureBody } from '../payments/payment-failure.schemas';
import type { CardInput, ChargeResult, PaymentFailure, ProviderMethod } from '../payments/payment-provider';
import { PaymentMethodsRepository } from '../payments/payment-methods.repository';
import { PaymentProviders } from '../payments/payment-providers';
import { ProductsRepository } from '../products/products.repository';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { Clock } from '../time/clock';
import { clockTimeOf } from '../time/customer-time';
import { EventOutbox } from '../webhooks/event-outbox';
import { successRedirect, toCheckoutSession } from './checkout-session';
import type { CheckoutSessionRow } from './checkout-session';
import type { CheckoutConfirmation, CheckoutSession } from './checkout-session.schemas';

/** How long a checkout stays open. */
const OPEN_HOURS = 24;
/** An attempt younger than this is still running; an older one belonged to a request that died and is resumed with its own key. */
const ATTEMPT_LEASE_SECONDS = 60;

export interface NewCheckoutSession {
  customerId: string;
  mode: 'subscription' | 'setup';
  priceId?: string | undefined;
  successUrl: string;
  cancelUrl: string;
  /** `saved_method`: the API's own checkout when a customer subscribes with the card on file. @default 'checkout' */
  origin?: 'checkout' | 'saved_method' | undefined;
  /** A secret key's own trial length for the subscription (instead of the price's). */
  trialDays?: number | undefined;
  /** The subscription's metadata, once paid. */
  metadata?: Record<string, string> | undefined;
}

/** The subscription a saved-method checkout starts once paid. */
export interface SavedMethodSubscription {
  customerId: string;
  priceId: string;
  trialDays?: number | undefined;
  metadata?: Record<string, string> | undefined;
}

/** What the buyer pays with on confirm. */
export type ConfirmInput = { card: CardInput } | { paymentMethodId: string };

/**
 * Checkout: the buyer confirms with a card, the provider charges it (with the attempt's id as its
 * idempotency key), and only then are the subscription, its paid first invoice and the saved
 * method recorded, in one transaction. The charge runs outside any transaction; an attempt is
 * written down before it, so a request that dies after charging is resumed with the same key and
 * never charges twice.
 */
@Injectable()
export class CheckoutSessionsService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ProductsRepository) private readonly products: ProductsRepository,
    @Inject(SubscriptionsRepository) private readonly subscriptions: SubscriptionsRepository,
    @Inject(PaymentMethodsRepository) private readonly methods: PaymentMethodsRepository,
    @Inject(PaymentProviders) private readonly providers: PaymentProviders,
    @Inject(InvoicesRepository) private readonly invoices: InvoicesRepository,
    @Inject(EventOutbox) private readonly outbox: EventOutbox,
  ) {}

  async create(scope: MerchantScope, input: NewCheckoutSession, selfServe: boolean): Promise<CheckoutSession> {
    this.providers.for(scope.mode);
    let terms = { amountDue: 0, currency: null as string | null, trialDays: 0 };
    if (input.mode === 'subscription') {
      const price = await this.products.getPrice(scope, input.priceId!);
      const { trialDays } = selfServe ? await this.subscriptions.selfServeTerms(scope, input.customerId, price) : { trialDays: input.trialDays ?? price.trialDays };
      if (!selfServe && !price.productActive && input.origin !== 'saved_method') throw invalidRequest('product_inactive', `Price "${price.id}" belongs to an archived product.`, 'priceId');
      terms = { amountDue: trialDays > 0 ? 0 : price.amount, currency: price.currency, trialDays };
    }
    const id = newId('cs');
    const clientSecret = `${id}_secret_${randomBytes(24).toString('base64url')}`;
    const now = this.clock.now();
    const rows = await this.db.query<CheckoutSessionRow>(
      `INSERT INTO checkout_sessions (id, merchant_id, mode, customer_id, kind, price_id, client_secret, success_url, cancel_url, amount_due, currency,
         trial_days, self_serve, expires_at, created_at, origin, subscription_metadata)
       SELECT $1, $2, $3, c.id, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17 FROM customers c WHERE c.merchant_id = $2 AND c.mode = $3 AND c.id = $4
       RETURNING *`,
      [id, scope.merchantId, scope.mode, input.customerId, input.mode, input.priceId ?? null, clientSecret, input.successUrl, input.cancelUrl,
        terms.amountDue, terms.currency, terms.trialDays, selfServe, new Date(now.getTime() + OPEN_HOURS * 3_600_000), now, input.origin ?? 'checkout',
        input.metadata ? JSON.stringify(input.metadata) : null],
    );
    if (!rows[0]) throw notFound('customer', input.customerId, 'customerId');
    return toCheckoutSession(rows[0], this.config.publicUrl);
  }

  async get(scope: MerchantScope, id: string, customerId?: string): Promise<CheckoutSession> {
    return toCheckoutSession(await this.#current(scope, id, customerId), this.config.publicUrl);
  }

  /** The session a checkout page or embedded form shows, authorised by its client secret. */
  async getWithSecret(id: string, clientSecret: string | undefined): Promise<CheckoutSession> {
    const row = await this.#bySecret(this.db, id, clientSecret);
    return toCheckoutSession(await this.#expireIfDue(row), this.config.publicUrl);
  }

  /**
   * A customer subscribing to a paid price with the card on file (self-serve, or by a secret
   * key): a checkout the API runs itself, so the charge has the same durable attempt and never runs
   * twice. Such a checkout left open for the same price by a request that died mid-charge (its
   * attempt's lease over) is confirmed again, with the same key, rather than repeated; one still
   * running is not joined (this request's own checkout then answers 409 payment_in_progress). A
   * refused one is closed without an event: it was never a page anyone saw. Answers the paid
   * subscription, why the card was refused, or `null` failure when there is no card on file.
   */
  async chargeCardOnFile(scope: MerchantScope, subscription: SavedMethodSubscription, selfServe: boolean): Promise<{ subscriptionId: string } | { failure: PaymentFailureBody | null }> {
    const method = await this.methods.defaultOf(this.db, scope, subscription.customerId);
    if (!method) return { failure: null };
    const session = (await this.#pendingSavedMethod(subscription)) ?? (await this.#newSavedMethod(scope, subscription, selfServe));
    const confirmation = await this.confirm(session.id, session.client_secret, { paymentMethodId: method.id }).catch((error: unknown) => {
      if (error instanceof ApiError && error.code === 'checkout_session_processing') {
        throw paymentRunning('payment_in_progress', 'Another payment of this customer is in progress: wait for it to finish, then try again.');
      }
      throw error;
    });
    if (confirmation.status === 'complete') return { subscriptionId: confirmation.subscriptionId! };
    await this.db.query(
      `UPDATE checkout_sessions SET status = 'expired' WHERE id = $1 AND status = 'open' AND (attempt_started_at IS NULL OR attempt_payment_id IS NOT NULL)`,
      [session.id],
    );
    return { failure: confirmation.requiredAction.failure ?? { code: 'authentication_required', declineCode: null, message: 'The bank asks the customer to confirm this payment.' } };
  }

  async #pendingSavedMethod({ customerId, priceId }: SavedMethodSubscription): Promise<CheckoutSessionRow | undefined> {
    const [pending] = await this.db.query<CheckoutSessionRow>(
      `SELECT * FROM checkout_sessions WHERE customer_id = $1 AND price_id = $2 AND origin = 'saved_method' AND status = 'open' AND expires_at > $3
         AND attempt_started_at < now() - make_interval(secs => ${ATTEMPT_LEASE_SECONDS})
       ORDER BY created_at DESC LIMIT 1`,
      [customerId, priceId, this.clock.now()],
    );
    return pending;
  }

  async #newSavedMethod(scope: MerchantScope, subscription: SavedMethodSubscription, selfServe: boolean): Promise<{ id: string; client_secret: string }> {
    const returnTo = this.config.publicUrl;
    const created = await this.create(scope, { ...subscription, mode: 'subscription', successUrl: returnTo, cancelUrl: returnTo, origin: 'saved_method' }, selfServe);
    return { id: created.id, client_secret: created.clientSecret };
  }

  async confirm(id: string, clientSecret: string | undefined, input: ConfirmInput): Promise<CheckoutConfirmation> {
    const claimed = await this.#claim(id, clientSecret);
    if ('done' in claimed) return claimed.done;
    const session = claimed.session;
    const scope = { merchantId: session.merchant_id, mode: session.mode };
    let method: ProviderMethod;
    try {
      method = await this.#method(scope, session, input);
    } catch (error) {
      if (!(error instanceof CardError)) throw await this.#release(session, error);
      return this.#failed(session, error.failure);
    }
    if (session.kind === 'setup' || Number(session.amount_due) === 0) return this.#complete(session, method, null);
    const charge = await this.providers.for(scope.mode).charge({
      attemptId: session.attempt_id!,
      idempotencyKey: session.attempt_id!,
      amount: Number(session.amount_due),
      currency: session.currency!,
      providerMethodId: method.providerMethodId,
      offSession: false,
    });
    return this.#afterCharge(session, method, charge);
  }

  async #afterCharge(session: CheckoutSessionRow, method: ProviderMethod, charge: ChargeResult): Promise<CheckoutConfirmation> {
    if (charge.status === 'succeeded') return this.#complete(session, method, charge.providerPaymentId);
    if (charge.status === 'failed') return this.#failed(session, charge.failure!);
    await this.db.query('UPDATE checkout_sessions SET attempt_method_id = $2, attempt_payment_id = $3 WHERE id = $1', [session.id, method.providerMethodId, charge.providerPaymentId]);
    return { status: 'open', requiredAction: { code: 'requires_action', ...(charge.nextAction ? { url: `${this.config.publicUrl}${charge.nextAction.url}?checkout=${session.id}` } : {}) } };
  }

  /**
   * Locks the session, checks the secret and that it is open, and writes down the attempt the
   * charge will run under: a new one, or the one a dead request left (resumed with its key).
   */
  async #claim(id: string, clientSecret: string | undefined): Promise<{ session: CheckoutSessionRow } | { done: CheckoutConfirmation }> {
    // Ambient, so the self-serve check's statements join this transaction (PGlite has one connection).
    return this.db.runInTransaction(async () => {
      const tx = this.db;
      // The customer first (always in this order): one payment of a customer at a time, across all its checkouts.
      const { customer_id: customerId } = await this.#bySecret(tx, id, clientSecret);
      await tx.query('SELECT id FROM customers WHERE id = $1 FOR UPDATE', [customerId]);
      const row = await this.#expireIfDue(await this.#bySecret(tx, id, clientSecret, true), tx);
      if (row.status === 'complete') return { done: completed(row) };
      if (row.status === 'expired') throw invalidRequest('checkout_session_expired', 'This checkout has expired: start a new one.');
      const running = row.attempt_started_at !== null && Date.now() - new Date(row.attempt_started_at).getTime() < ATTEMPT_LEASE_SECONDS * 1000 && row.attempt_payment_id === null;
      if (running) {
        throw paymentRunning('checkout_session_processing', 'This checkout is being confirmed by another request: wait a moment, then read it again.');
      }
      const [other] = await tx.query<{ id: string }>(
        `SELECT id FROM checkout_sessions WHERE customer_id = $1 AND id <> $2 AND status = 'open' AND attempt_started_at > now() - make_interval(secs => ${ATTEMPT_LEASE_SECONDS})`,
        [customerId, id],
      );
      if (other) {
        throw paymentRunning('payment_in_progress', 'Another payment of this customer is in progress: wait for it to finish, then try again.');
      }
      if (row.self_serve && row.kind === 'subscription' && row.attempt_id === null) {
        await this.subscriptions.selfServeTerms({ merchantId: row.merchant_id, mode: row.mode }, row.customer_id, await this.products.getPrice({ merchantId: row.merchant_id, mode: row.mode }, row.price_id!));
      }
      const attemptId = row.attempt_id ?? newId('pa');
      const [claimed] = await tx.query<CheckoutSessionRow>('UPDATE checkout_sessions SET attempt_id = $2, attempt_started_at = now() WHERE id = $1 RETURNING *', [id, attemptId]);
      return { session: claimed! };
    });
  }

  /** The method to charge: a card the provider tokenises, a saved method of the customer, or (test mode) an alias; a waiting authentication's own. */
  async #method(scope: MerchantScope, session: CheckoutSessionRow, input: ConfirmInput): Promise<ProviderMethod> {
    const provider = this.providers.for(scope.mode);
    if (session.attempt_method_id) {
      const waiting = await provider.attachExisting(session.attempt_method_id);
      if (waiting) return waiting;
    }
    if ('card' in input) return provider.attachCard(input.card);
    if (input.paymentMethodId.startsWith('pm_card_')) {
      const alias = await provider.attachExisting(input.paymentMethodId);
      if (alias) return alias;
    }
    const [saved] = await this.db.query<{ provider_method_id: string }>('SELECT provider_method_id FROM payment_methods WHERE id = $1 AND customer_id = $2', [
      input.paymentMethodId,
      session.customer_id,
    ]);
    const method = saved && (await provider.attachExisting(saved.provider_method_id));
    if (!method) throw notFound('payment_method', input.paymentMethodId, 'paymentMethodId');
    return method;
  }

  /** Records what the buyer now has, in one ambient transaction: the saved method, and the subscription with its paid first invoice. */
  async #complete(session: CheckoutSessionRow, method: ProviderMethod, providerPaymentId: string | null): Promise<CheckoutConfirmation> {
    const scope = { merchantId: session.merchant_id, mode: session.mode };
    const row = await this.db.runInTransaction(async () => {
      const saved = await this.methods.save(scope, session.customer_id, method, true);
      let subscriptionId: string | null = null;
      if (session.kind === 'subscription') {
        const subscription = await this.subscriptions.create(
          scope,
          { customerId: session.customer_id, priceId: session.price_id!, trialDays: session.trial_days, collectsPayment: true, metadata: session.subscription_metadata ?? undefined },
          { replacesFree: session.self_serve },
        );
        subscriptionId = subscription.id;
        await this.invoices.recordPaid(this.db, scope, {
          customerId: session.customer_id,
          subscriptionId,
          billingReason: 'subscription_create',
          currency: subscription.price.currency,
          lines: [await this.invoices.periodLine(this.db, subscription, subscription.trialEnd !== null)],
          at: new Date(subscription.currentPeriodStart),
          providerPaymentId,
        });
      }
      const [done] = await this.db.query<CheckoutSessionRow>(
        `UPDATE checkout_sessions SET status = 'complete', subscription_id = $2, payment_method_id = $3, completed_at = now(), attempt_started_at = NULL WHERE id = $1 RETURNING *`,
        [session.id, subscriptionId, saved.id],
      );
      // The API's own saved-method checkout was never a page anyone saw: its subscription and invoice events say what happened.
      if (session.origin !== 'saved_method') {
        await this.outbox.record(this.db, scope, 'checkout.session.completed', toCheckoutSession(done!, this.config.publicUrl), { createdAt: await clockTimeOf(this.db, session.customer_id) });
      }
      return done!;
    });
    return completed(row);
  }

  /** A declined card leaves the session open for another try, with what to tell the buyer. */
  async #failed(session: CheckoutSessionRow, failure: PaymentFailure): Promise<CheckoutConfirmation> {
    await this.db.query(
      'UPDATE checkout_sessions SET attempt_id = NULL, attempt_started_at = NULL, attempt_method_id = NULL, attempt_payment_id = NULL, failed_attempts = failed_attempts + 1 WHERE id = $1',
      [session.id],
    );
    return { status: 'open', requiredAction: { code: 'payment_failed', failure: { code: failure.code, declineCode: failure.declineCode, message: failure.message } } };
  }

  /** An unexpected error before any charge: the attempt is given up so the buyer may try again at once. */
  async #release(session: CheckoutSessionRow, error: unknown): Promise<unknown> {
    await this.db.query('UPDATE checkout_sessions SET attempt_started_at = NULL WHERE id = $1 AND attempt_payment_id IS NULL', [session.id]).catch(() => undefined);
    return error;
  }

  async #current(scope: MerchantScope, id: string, customerId?: string): Promise<CheckoutSessionRow> {
    const params = [scope.merchantId, scope.mode, id, ...(customerId ? [customerId] : [])];
    const [row] = await this.db.query<CheckoutSessionRow>(
      `SELECT * FROM checkout_sessions WHERE merchant_id = $1 AND mode = $2 AND id = $3${customerId ? ' AND customer_id = $4' : ''}`,
      params,
    );
    if (!row) throw notFound('checkout_session', id);
    return this.#expireIfDue(row);
  }

  async #bySecret(db: Queryable, id: string, clientSecret: string | undefined, lock = false): Promise<CheckoutSessionRow> {
    const [row] = await db.query<CheckoutSessionRow>(`SELECT * FROM checkout_sessions WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!row || !clientSecret || !secretMatches(clientSecret, row.client_secret)) {
      throw new ApiError({
        status: 401,
        type: 'authentication_error',
        code: 'invalid_client_secret',
        message: "Confirm a checkout with its own clientSecret (from creating it), in the body or as the bearer.",
      });
    }
    return row;
  }

  /**
   * Expires the open sessions whose 24 hours are over (at most `limit`), each once with
   * `checkout.session.expired`, so the event comes whether or not anyone reads the session;
   * `SKIP LOCKED`, so nodes share the work; a session whose charge is running is left to its confirm.
   */
  async expireDue(limit = 100): Promise<number> {
    let expired = 0;
    while (expired < limit) {
      const done = await this.db.transaction(async (tx) => {
        const [row] = await tx.query<CheckoutSessionRow>(
          `SELECT * FROM checkout_sessions WHERE status = 'open' AND expires_at <= $1
           AND (attempt_started_at IS NULL OR attempt_started_at <= now() - make_interval(secs => ${ATTEMPT_LEASE_SECONDS}))
           ORDER BY expires_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
          [this.clock.now()],
        );
        return row ? (await this.#expireIfDue(row, tx)).status === 'expired' : false;
      });
      if (!done) break;
      expired += 1;
    }
    return expired;
  }

  /** A session past its 24 hours becomes `expired`, once, with `checkout.session.expired`. */
  async #expireIfDue(row: CheckoutSessionRow, db: Queryable = this.db): Promise<CheckoutSessionRow> {
    if (row.status !== 'open' || new Date(row.expires_at).getTime() > this.clock.now().getTime()) return row;
    const [expired] = await db.query<CheckoutSessionRow>("UPDATE checkout_sessions SET status = 'expired' WHERE id = $1 AND status = 'open' RETURNING *", [row.id]);
    if (!expired) return row;
    await this.outbox.record(db, { merchantId: row.merchant_id, mode: row.mode }, 'checkout.session.expired', toCheckoutSession(expired, this.config.publicUrl), {
      createdAt: await clockTimeOf(db, row.customer_id),
    });
    return expired;
  }
}

function completed(row: CheckoutSessionRow): CheckoutConfirmation {
  return { status: 'complete', subscriptionId: row.subscription_id, paymentMethodId: row.payment_method_id!, redirectUrl: successRedirect(row) };
}

/** Compared as digests, so the time taken says nothing about the stored secret. */
function secretMatches(given: string, stored: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(stored));
}
