import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import type { MerchantScope, Mode } from '../auth/credential';
import { invalidRequest, notFound, paymentError, paymentRunning } from '../errors/errors';
import type { Invoice } from '../invoices/invoice';
import { InvoicesRepository } from '../invoices/invoices.repository';
import type { PaymentFailureBody } from '../payments/payment-failure.schemas';
import type { ChargeResult } from '../payments/payment-provider';
import { PaymentProviders } from '../payments/payment-providers';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import { SUBSCRIPTION_SELECT, timelineState, toSubscription } from '../subscriptions/subscription';
import { dueAt } from './subscription-timeline';
import type { SubscriptionRow, SubscriptionStatus } from '../subscriptions/subscription';
import { Clock } from '../time/clock';
import { EventOutbox } from '../webhooks/event-outbox';

/** An open invoice claimed for one charge attempt. */
interface ClaimedInvoice {
  [column: string]: unknown;
  id: string;
  merchant_id: string;
  mode: Mode;
  customer_id: string;
  subscription_id: string | null;
  amount_due: string | number;
  currency: string;
  collect_at: Date;
  attempt_id: string;
}

/** Which open invoices a pass collects: those of wall-clock customers, or of one test clock's. */
export type CollectionScope = { wallClock: true } | { testClockId: string };

const NO_METHOD: PaymentFailureBody = {
  code: 'payment_method_required',
  declineCode: null,
  message: 'There is no card on file for this subscription. Add a payment method to pay the invoice.',
};

/**
 * Charges the open invoices the lifecycle made (renewals, trial ends, scheduled changes) to each
 * customer's default method, exactly once per invoice, whatever the number of nodes:
 * 1. claim: in a short transaction, lock the invoice (`SKIP LOCKED`) and write down the attempt
 *    (its id is the provider's idempotency key) with a lease;
 * 2. charge, outside any transaction;
 * 3. settle: in a transaction, mark it paid (or failed) only if that attempt is still its own.
 * A node that dies between 2 and 3 leaves the attempt; once its lease is over another node charges
 * again with the same key, the provider answers with the first charge, and the invoice ends paid.
 */
@Injectable()
export class InvoiceCollector {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(PaymentProviders) private readonly providers: PaymentProviders,
    @Inject(InvoicesRepository) private readonly invoices: InvoicesRepository,
    @Inject(EventOutbox) private readonly outbox: EventOutbox,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** Charges every invoice of `scope` due by `until` (at most `limit`); returns how many were attempted. */
  async collectDue(scope: CollectionScope, until: Date, limit = 100): Promise<number> {
    let attempted = 0;
    while (attempted < limit && (await this.#collectNext(scope, until))) attempted += 1;
    return attempted;
  }

  /**
   * `POST /v1/invoices/:id/pay`: charges one open invoice now, to `paymentMethodId` (one of the
   * customer's) or the default method, with the same attempt and settle as a renewal. Answers the
   * paid invoice; a refused charge is recorded (`invoice.payment_failed`) and answers 402.
   */
  async payNow(scope: MerchantScope, id: string, paymentMethodId?: string): Promise<Invoice> {
    const invoice = await this.#claimOne(scope, id);
    await this.#charge(invoice, paymentMethodId);
    const after = await this.invoices.read(this.db, scope, id);
    if (after.status === 'paid') return after;
    const failure = after.lastPaymentError;
    throw paymentError(failure?.code ?? 'payment_failed', `${failure?.message ?? 'The payment did not go through.'} The invoice stays open.`);
  }

  async #collectNext(scope: CollectionScope, until: Date): Promise<boolean> {
    const invoice = await this.#claim(scope, until);
    if (!invoice) return false;
    await this.#charge(invoice);
    return true;
  }

  async #charge(invoice: ClaimedInvoice, paymentMethodId?: string): Promise<void> {
    const merchant = { merchantId: invoice.merchant_id, mode: invoice.mode };
    const [method] = await this.db.query<{ provider_method_id: string }>(
      `SELECT provider_method_id FROM payment_methods WHERE customer_id = $1 AND ${paymentMethodId ? 'id = $2' : 'is_default'}`,
      paymentMethodId ? [invoice.customer_id, paymentMethodId] : [invoice.customer_id],
    );
    if (!method) {
      if (paymentMethodId) {
        await this.#release(invoice);
        throw notFound('payment_method', paymentMethodId, 'paymentMethodId');
      }
      return this.#settleFailed(merchant, invoice, NO_METHOD, 'invoice.payment_failed');
    }
    const charge = await this.providers.for(invoice.mode).charge({
      attemptId: invoice.attempt_id,
      idempotencyKey: invoice.attempt_id,
      amount: Number(invoice.amount_due),
      currency: invoice.currency,
      providerMethodId: method.provider_method_id,
      offSession: true,
    });
    await this.#settle(merchant, invoice, charge);
  }

  /** Claims one invoice by id, due now on the customer's clock: it must be open and have no attempt running. */
  #claimOne(scope: MerchantScope, id: string): Promise<ClaimedInvoice> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<{ status: string; running: boolean }>(
        `SELECT status, (attempt_started_at IS NOT NULL AND attempt_started_at > now() - make_interval(secs => ${this.config.chargeLeaseMs / 1000})) AS running
         FROM invoices WHERE merchant_id = $1 AND mode = $2 AND id = $3 FOR UPDATE`,
        [scope.merchantId, scope.mode, id],
      );
      if (!row) throw notFound('invoice', id);
      if (row.status !== 'open') throw invalidRequest('invoice_not_open', `Invoice "${id}" is ${row.status}: only an open invoice can be paid.`);
      if (row.running) {
        throw paymentRunning('payment_in_progress', `Invoice "${id}" is being charged right now: read it again in a moment.`);
      }
      const [claimed] = await tx.query<ClaimedInvoice>(
        `UPDATE invoices i SET attempt_id = COALESCE(i.attempt_id, $2), attempt_started_at = now(),
           collect_at = COALESCE((SELECT tc.frozen_time FROM customers c JOIN test_clocks tc ON tc.id = c.test_clock_id WHERE c.id = i.customer_id), $3)
         WHERE i.id = $1 RETURNING i.id, i.merchant_id, i.mode, i.customer_id, i.subscription_id, i.amount_due, i.currency, i.collect_at, i.attempt_id`,
        [id, newId('pa'), this.clock.now()],
      );
      return claimed!;
    });
  }

  /** Gives up an attempt that never reached the provider. */
  async #release(invoice: ClaimedInvoice): Promise<void> {
    await this.db.query('UPDATE invoices SET attempt_started_at = NULL WHERE id = $1 AND attempt_id = $2', [invoice.id, invoice.attempt_id]);
  }

  /** Locks the next due invoice no live attempt holds and writes down its attempt (a dead node's attempt is resumed with its key). */
  #claim(scope: CollectionScope, until: Date): Promise<ClaimedInvoice | undefined> {
    const [clockFilter, params] = 'testClockId' in scope ? ['c.test_clock_id = $2', [until, scope.testClockId]] : ['c.test_clock_id IS NULL', [until]];
    return this.db.transaction(async (tx) => {
      const [due] = await tx.query<{ id: string }>(
        `SELECT i.id FROM invoices i JOIN customers c ON c.id = i.customer_id
         WHERE i.status = 'open' AND i.collect_at <= $1 AND ${clockFilter}
           AND (i.attempt_started_at IS NULL OR i.attempt_started_at < now() - make_interval(secs => ${this.config.chargeLeaseMs / 1000}))
         ORDER BY i.collect_at, i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED`,
        params,
      );
      if (!due) return undefined;
      // In its own statement: the claiming statement's snapshot may predate another node's settle.
      const [claimed] = await tx.query<ClaimedInvoice>(
        `UPDATE invoices SET attempt_id = COALESCE(attempt_id, $2), attempt_started_at = now() WHERE id = $1 AND status = 'open' AND collect_at IS NOT NULL
         RETURNING id, merchant_id, mode, customer_id, subscription_id, amount_due, currency, collect_at, attempt_id`,
        [due.id, newId('pa')],
      );
      return claimed;
    });
  }

  async #settle(merchant: MerchantScope, invoice: ClaimedInvoice, charge: ChargeResult): Promise<void> {
    if (charge.status === 'succeeded') return this.#settlePaid(merchant, invoice, charge.providerPaymentId);
    if (charge.status === 'processing') return; // the attempt stays; after its lease the same key asks the provider again
    const failure = charge.failure ?? { code: 'authentication_required', declineCode: null, message: 'Your bank asks you to confirm this payment.' };
    const needsCustomer = charge.status === 'requires_action' || failure.code === 'authentication_required';
    await this.#settleFailed(merchant, invoice, failure, needsCustomer ? 'invoice.payment_action_required' : 'invoice.payment_failed');
  }

  async #settlePaid(merchant: MerchantScope, invoice: ClaimedInvoice, providerPaymentId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [paid] = await tx.query<{ id: string }>(
        `UPDATE invoices SET status = 'paid', amount_paid = amount_due, paid_at = collect_at, provider_payment_id = $3, attempt_count = attempt_count + 1,
           collect_at = NULL, attempt_id = NULL, attempt_started_at = NULL, last_payment_error = NULL, next_payment_attempt = NULL
         WHERE id = $1 AND status = 'open' AND attempt_id = $2 RETURNING id`,
        [invoice.id, invoice.attempt_id, providerPaymentId],
      );
      if (!paid) return; // another node settled this attempt first
      await this.outbox.record(tx, merchant, 'invoice.paid', await this.invoices.read(tx, merchant, invoice.id), { createdAt: invoice.collect_at });
      await this.#setSubscriptionStatus(tx, merchant, invoice, ['past_due', 'incomplete'], 'active');
    });
  }

  async #settleFailed(merchant: MerchantScope, invoice: ClaimedInvoice, failure: PaymentFailureBody, type: 'invoice.payment_failed' | 'invoice.payment_action_required'): Promise<void> {
    const error = { code: failure.code, declineCode: failure.declineCode, message: failure.message };
    await this.db.transaction(async (tx) => {
      // Retries on a schedule are the dunning policy's (not yet here): until then the invoice stays open, not due again.
      const [failed] = await tx.query<{ id: string }>(
        `UPDATE invoices SET attempt_count = attempt_count + 1, collect_at = NULL, attempt_id = NULL, attempt_started_at = NULL, last_payment_error = $3,
           next_payment_attempt = NULL
         WHERE id = $1 AND status = 'open' AND attempt_id = $2 RETURNING id`,
        [invoice.id, invoice.attempt_id, JSON.stringify(error)],
      );
      if (!failed) return;
      await this.outbox.record(tx, merchant, type, await this.invoices.read(tx, merchant, invoice.id), { createdAt: invoice.collect_at });
      await this.#setSubscriptionStatus(tx, merchant, invoice, ['active'], 'past_due');
    });
  }

  /** Moves the invoice's subscription from one of `from` to `to` (nothing if it is in another status), with `subscription.updated`. */
  async #setSubscriptionStatus(tx: Queryable, merchant: MerchantScope, invoice: ClaimedInvoice, from: SubscriptionStatus[], to: SubscriptionStatus): Promise<void> {
    if (!invoice.subscription_id) return;
    const [row] = await tx.query<SubscriptionRow>(`${SUBSCRIPTION_SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [invoice.subscription_id]);
    if (!row || !from.includes(row.status)) return;
    // Paid at last, an incomplete subscription's next look is its period's end, not its expiry.
    const due = dueAt({ ...timelineState(row), status: to });
    await tx.query('UPDATE subscriptions SET status = $2, updated_at = $3, due_at = $4 WHERE id = $1', [row.id, to, invoice.collect_at, due]);
    const after = toSubscription({ ...row, status: to, updated_at: invoice.collect_at }, invoice.collect_at);
    await this.outbox.record(tx, merchant, 'subscription.updated', after, { createdAt: invoice.collect_at, previousAttributes: { status: row.status } });
  }
}
