import { z } from 'zod';
import { pageQuery, pageSchema } from '../pagination/page';
import { identifier, livemode, timestamp } from '../validation/common-schemas';
import { paymentFailureSchema } from '../payments/payment-failure.schemas';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;

const period = z.object({ start: timestamp, end: timestamp }).meta({ id: 'InvoicePeriod', description: 'The service period a line or invoice covers.' });

export const invoiceLineSchema = z
  .object({
    description: z.string(),
    amount: z.number().int().meta({ description: "In the currency's smallest unit; negative for a credit." }),
    quantity: z.number().int(),
    priceId: z.string().nullable(),
    period,
    proration: z.boolean(),
  })
  .meta({ id: 'InvoiceLine', description: 'One line of an invoice.' });

export const invoiceSchema = z
  .object({
    id: z.string(),
    object: z.literal('invoice'),
    number: z.string().meta({ description: 'Per merchant and mode, without gaps: `INV-0001` (test mode: `TEST-0001`).' }),
    customerId: z.string(),
    subscriptionId: z.string().nullable(),
    status: z.enum(INVOICE_STATUSES).meta({ id: 'InvoiceStatus', description: '`open` until paid; `paid` once the charge succeeded.' }),
    billingReason: z.enum(['subscription_create', 'subscription_cycle', 'subscription_update']),
    currency: z.string(),
    subtotal: z.number().int(),
    total: z.number().int(),
    amountDue: z.number().int(),
    amountPaid: z.number().int(),
    lines: z.array(invoiceLineSchema),
    periodStart: timestamp,
    periodEnd: timestamp,
    attemptCount: z.number().int(),
    nextPaymentAttempt: timestamp.nullable(),
    lastPaymentError: paymentFailureSchema.nullable().meta({ description: 'Why the last charge of this invoice failed; `null` once paid or before any attempt.' }),
    hostedInvoiceUrl: z.string().meta({ description: 'A printable page of the invoice, served by the API.' }),
    livemode,
    createdAt: timestamp,
    paidAt: timestamp.nullable(),
  })
  .meta({ id: 'Invoice', description: 'What a customer owes for a period of a subscription, and whether it is paid. Amounts are integers in minor units.' });

export const invoiceListSchema = pageSchema(invoiceSchema, 'InvoiceList');

export const listInvoicesQuery = z.strictObject({
  ...pageQuery,
  customerId: identifier.optional(),
  subscriptionId: identifier.optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
});

export const listMyInvoicesQuery = z.strictObject({ ...pageQuery });

export type ListInvoicesQuery = z.infer<typeof listInvoicesQuery>;
export type ListMyInvoicesQuery = z.infer<typeof listMyInvoicesQuery>;

export const payInvoiceBody = z.strictObject({
  paymentMethodId: identifier.optional().meta({ description: "One of the customer's methods (`pm_…`); default: the customer's default method." }),
});

export type PayInvoiceBody = z.infer<typeof payInvoiceBody>;
