import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { API_CONFIG } from '../app/api-config';
import type { ApiConfig } from '../app/api-config';
import type { MerchantScope } from '../auth/credential';
import { notFound } from '../errors/errors';
import { paginate, toPage } from '../pagination/page';
import type { Page, PageRequest } from '../pagination/page';
import { Database } from '../storage/database';
import type { Queryable } from '../storage/database';
import { newId } from '../storage/ids';
import type { PaymentFailureBody } from '../payments/payment-failure.schemas';
import type { Subscription } from '../subscriptions/subscription';
import { EventOutbox } from '../webhooks/event-outbox';
import { INVOICE_SELECT, toInvoice } from './invoice';
import type { Invoice, InvoiceRow } from './invoice';

/** One line of a new invoice. */
export interface NewInvoiceLine {
  description: string;
  amount: number;
  quantity: number;
  priceId: string | null;
  periodStart: Date;
  periodEnd: Date;
  proration?: boolean;
}

/** A new invoice. */
export interface NewInvoice {
  customerId: string;
  subscriptionId: string | null;
  billingReason: Invoice['billingReason'];
  currency: string;
  lines: NewInvoiceLine[];
  /** On the customer's clock. */
  at: Date;
  /**
   * Whether the invoice collector charges it on its own once due (`false`: the request that made
   * it charges it, or the customer pays it on its hosted page). @default true
   */
  collect?: boolean | undefined;
  /** A charge already tried and refused: the invoice counts the attempt, keeps the failure, and `invoice.payment_failed` follows. */
  failure?: PaymentFailureBody | undefined;
}

/** An invoice whose payment already succeeded (checkout charges before it records anything). */
export interface PaidInvoice extends NewInvoice {
  providerPaymentId: string | null;
}

export interface InvoiceFilter {
  customerId?: string | undefined;
  subscriptionId?: string | undefined;
  status?: Invoice['status'] | undefined;
}

/** Invoices per merchant and mode, numbered without gaps. */
@Injectable()
export class InvoicesRepository {
  readonly #db: Database;
  readonly #outbox: EventOutbox;
  readonly #config: ApiConfig;

  constructor(@Inject(Database) db: Database, @Inject(EventOutbox) outbox: EventOutbox, @Inject(API_CONFIG) config: ApiConfig) {
    this.#db = db;
    this.#outbox = outbox;
    this.#config = config;
  }

  /**
   * Records a paid invoice with `invoice.created`, `invoice.finalized` and `invoice.paid`, in the
   * caller's transaction (its number is taken there too, so a rollback leaves no gap).
   */
  async recordPaid(tx: Queryable, scope: MerchantScope, input: PaidInvoice): Promise<Invoice> {
    const invoice = await this.#insert(tx, scope, input, { paid: true, providerPaymentId: input.providerPaymentId });
    for (const type of ['invoice.created', 'invoice.finalized', 'invoice.paid'] as const) await this.#outbox.record(tx, scope, type, invoice, { createdAt: input.at });
    return invoice;
  }

  /**
   * Makes an open invoice, finalised and due at `input.at` (on the customer's clock), with
   * `invoice.created` and `invoice.finalized`, in the caller's transaction; the invoice collector
   * charges it once committed.
   */
  async createOpen(tx: Queryable, scope: MerchantScope, input: NewInvoice): Promise<Invoice> {
    let invoice = await this.#insert(tx, scope, input, { paid: false, providerPaymentId: null });
    for (const type of ['invoice.created', 'invoice.finalized'] as const) await this.#outbox.record(tx, scope, type, invoice, { createdAt: input.at });
    if (input.failure) {
      const { code, declineCode, message } = input.failure;
      await tx.query('UPDATE invoices SET attempt_count = 1, last_payment_error = $2 WHERE id = $1', [invoice.id, JSON.stringify({ code, declineCode, message })]);
      invoice = await this.#get(tx, scope, invoice.id);
      const type = code === 'authentication_required' ? 'invoice.payment_action_required' : 'invoice.payment_failed';
      await this.#outbox.record(tx, scope, type, invoice, { createdAt: input.at });
    }
    return invoice;
  }

  async #insert(tx: Queryable, scope: MerchantScope, input: NewInvoice, payment: { paid: boolean; providerPaymentId: string | null }): Promise<Invoice> {
    const number = await nextNumber(tx, scope);
    const total = input.lines.reduce((sum, line) => sum + line.amount * line.quantity, 0);
    const id = newId('in');
    const periodStart = new Date(Math.min(...input.lines.map((line) => line.periodStart.getTime())));
    const periodEnd = new Date(Math.max(...input.lines.map((line) => line.periodEnd.getTime())));
    await tx.query(
      `INSERT INTO invoices (id, merchant_id, mode, number, customer_id, subscription_id, status, billing_reason, currency, subtotal, total, amount_due,
         amount_paid, period_start, period_end, attempt_count, provider_payment_id, hosted_token, created_at, paid_at, collect_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
      [id, scope.merchantId, scope.mode, number, input.customerId, input.subscriptionId, payment.paid ? 'paid' : 'open', input.billingReason, input.currency,
        total, payment.paid ? total : 0, periodStart, periodEnd, payment.paid && total > 0 ? 1 : 0, payment.providerPaymentId,
        randomBytes(24).toString('base64url'), input.at, payment.paid ? input.at : null, payment.paid || input.collect === false ? null : input.at],
    );
    for (const [position, line] of input.lines.entries()) {
      await tx.query(
        `INSERT INTO invoice_lines (invoice_id, position, description, amount, quantity, price_id, period_start, period_end, proration)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, position, line.description, line.amount, line.quantity, line.priceId, line.periodStart, line.periodEnd, line.proration ?? false],
      );
    }
    return this.#get(tx, scope, id);
  }

  /**
   * Voids the subscription's open invoices (it ended: canceled, or expired unpaid), each with
   * `invoice.voided` at `at` (the customer's time), in the caller's transaction: nothing is
   * charged for them any more.
   */
  async voidOpen(tx: Queryable, scope: MerchantScope, subscriptionId: string, at: Date): Promise<void> {
    const voided = await tx.query<{ id: string }>(
      `UPDATE invoices SET status = 'void', collect_at = NULL, next_payment_attempt = NULL
       WHERE subscription_id = $1 AND status = 'open' AND attempt_started_at IS NULL RETURNING id`,
      [subscriptionId],
    );
    for (const { id } of voided) await this.#outbox.record(tx, scope, 'invoice.voided', await this.#get(tx, scope, id), { createdAt: at });
  }

  /** The line of a subscription's current period: `Pro × 1` at its price, or `Trial of Pro` at 0. */
  async periodLine(tx: Queryable, subscription: Subscription, trial = false): Promise<NewInvoiceLine> {
    const [product] = await tx.query<{ name: string }>('SELECT name FROM products WHERE id = $1', [subscription.productId]);
    const name = product?.name ?? subscription.productId;
    return {
      description: trial ? `Trial of ${name}` : `${name} × 1`,
      amount: trial ? 0 : subscription.price.amount,
      quantity: 1,
      priceId: subscription.price.id,
      periodStart: new Date(subscription.currentPeriodStart),
      periodEnd: new Date(subscription.currentPeriodEnd),
    };
  }

  /** An invoice as it is now, read inside the caller's transaction. */
  async read(tx: Queryable, scope: MerchantScope, id: string): Promise<Invoice> {
    return this.#get(tx, scope, id);
  }

  async get(scope: MerchantScope, id: string, customerId?: string): Promise<Invoice> {
    return this.#get(this.#db, scope, id, customerId);
  }

  async list(scope: MerchantScope, filter: InvoiceFilter, page: PageRequest): Promise<Page<Invoice>> {
    const params: unknown[] = [scope.merchantId, scope.mode];
    let where = `${INVOICE_SELECT} WHERE i.merchant_id = $1 AND i.mode = $2`;
    for (const [key, column] of [['customerId', 'customer_id'], ['subscriptionId', 'subscription_id'], ['status', 'status']] as const) {
      if (filter[key] === undefined) continue;
      params.push(filter[key]);
      where += ` AND i.${column} = $${params.length}`;
    }
    const query = paginate(where, params, page, 'i.id');
    return toPage(await this.#db.query<InvoiceRow>(query.sql, query.params), query.limit, (row) => toInvoice(row, this.#config.publicUrl));
  }

  /** The invoice behind a hosted page's token, whatever its merchant: the token is the permission. */
  async byHostedToken(token: string): Promise<Invoice | undefined> {
    const [row] = await this.#db.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.hosted_token = $1`, [token]);
    return row ? toInvoice(row, this.#config.publicUrl) : undefined;
  }

  async #get(db: Queryable, scope: MerchantScope, id: string, customerId?: string): Promise<Invoice> {
    const params = [scope.merchantId, scope.mode, id, ...(customerId ? [customerId] : [])];
    const [row] = await db.query<InvoiceRow>(`${INVOICE_SELECT} WHERE i.merchant_id = $1 AND i.mode = $2 AND i.id = $3${customerId ? ' AND i.customer_id = $4' : ''}`, params);
    if (!row) throw notFound('invoice', id);
    return toInvoice(row, this.#config.publicUrl);
  }
}

/** The next invoice number of the merchant's mode: `INV-0001`, or `TEST-0001` in test mode. */
async function nextNumber(tx: Queryable, scope: MerchantScope): Promise<string> {
  const [row] = await tx.query<{ last_number: number }>(
    `INSERT INTO invoice_numbers (merchant_id, mode, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (merchant_id, mode) DO UPDATE SET last_number = invoice_numbers.last_number + 1 RETURNING last_number`,
    [scope.merchantId, scope.mode],
  );
  return `${scope.mode === 'test' ? 'TEST' : 'INV'}-${String(row!.last_number).padStart(4, '0')}`;
}
