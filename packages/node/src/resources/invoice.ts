import type * as contract from '@billingos/contract';
import type { ListParams } from './list-promise';

/** What a customer owes for a period of a subscription, and whether it is paid (amounts in minor units). */
export type Invoice = contract.Invoice;
export type InvoiceLine = contract.InvoiceLine;
export type InvoiceStatus = contract.InvoiceStatus;

/** A buyer's way to a paid subscription (or a saved card): send them to its `url`. */
export type CheckoutSession = contract.CheckoutSession;

export interface InvoicePayParams {
  /** One of the customer's payment methods (`pm_…`); default: its default method. */
  paymentMethodId?: string;
}

export interface InvoiceListParams extends ListParams {
  customerId?: string;
  subscriptionId?: string;
  status?: InvoiceStatus;
}

/** The outcome of a confirm: complete, or still open with what the buyer must do. */
export type CheckoutConfirmation = contract.CheckoutConfirmation;

export interface CheckoutSessionConfirmParams {
  /** The session's `clientSecret`. */
  clientSecret: string;
  /** A saved method of the session's customer (`pm_…`), or in test mode a `pm_card_…` alias. */
  paymentMethodId: string;
}

export interface CheckoutSessionCreateParams {
  /** The buyer: your customer's id, or your user's id (the customer is created on first sight). */
  customerId?: string;
  externalUserId?: string;
  /** `subscription`: pay and subscribe to `priceId`; `setup`: save a card. */
  mode: 'subscription' | 'setup';
  priceId?: string;
  /** Where the buyer goes once done (`session_id` is added). */
  successUrl: string;
  /** Where "Back" takes the buyer. */
  cancelUrl: string;
}
