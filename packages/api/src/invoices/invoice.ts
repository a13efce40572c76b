import type { z } from 'zod';
import type { invoiceLineSchema, invoiceSchema } from './invoice.schemas';

/** See `invoiceSchema`. */
export type Invoice = z.infer<typeof invoiceSchema>;
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

export interface InvoiceRow {
  [column: string]: unknown;
  id: string;
  mode: 'test' | 'live';
  number: string;
  customer_id: string;
  subscription_id: string | null;
  status: Invoice['status'];
  billing_reason: Invoice['billingReason'];
  currency: string;
  subtotal: string | number;
  total: string | number;
  amount_due: string | number;
  amount_paid: string | number;
  period_start: Date;
  period_end: Date;
  attempt_count: number;
  next_payment_attempt: Date | null;
  last_payment_error: Invoice['lastPaymentError'];
  hosted_token: string;
  created_at: Date;
  paid_at: Date | null;
  /** Aggregated by the query that reads the invoice. */
  lines: InvoiceLineRow[] | null;
}

export interface InvoiceLineRow {
  description: string;
  amount: string | number;
  quantity: number;
  price_id: string | null;
  period_start: string;
  period_end: string;
  proration: boolean;
}

/** Every invoice column plus its lines, in order, as JSON. */
export const INVOICE_SELECT = `SELECT i.*, (SELECT jsonb_agg(to_jsonb(l) ORDER BY l.position) FROM invoice_lines l WHERE l.invoice_id = i.id) AS lines FROM invoices i`;

/** Where the printable page of an invoice is served: an unguessable path, so the link itself is the permission. */
export function hostedInvoicePath(token: string): string {
  return `/invoices/${token}`;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export function toInvoice(row: InvoiceRow, baseUrl: string): Invoice {
  return {
    id: row.id,
    object: 'invoice',
    number: row.number,
    customerId: row.customer_id,
    subscriptionId: row.subscription_id,
    status: row.status,
    billingReason: row.billing_reason,
    currency: row.currency,
    subtotal: Number(row.subtotal),
    total: Number(row.total),
    amountDue: Number(row.amount_due),
    amountPaid: Number(row.amount_paid),
    lines: (row.lines ?? []).map((line) => ({
      description: line.description,
      amount: Number(line.amount),
      quantity: line.quantity,
      priceId: line.price_id,
      period: { start: iso(line.period_start), end: iso(line.period_end) },
      proration: line.proration,
    })),
    periodStart: iso(row.period_start),
    periodEnd: iso(row.period_end),
    attemptCount: row.attempt_count,
    nextPaymentAttempt: row.next_payment_attempt ? iso(row.next_payment_attempt) : null,
    lastPaymentError: row.last_payment_error ?? null,
    hostedInvoiceUrl: `${baseUrl}${hostedInvoicePath(row.hosted_token)}`,
    livemode: row.mode === 'live',
    createdAt: iso(row.created_at),
    paidAt: row.paid_at ? iso(row.paid_at) : null,
  };
}
