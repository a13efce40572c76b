import type { z } from 'zod';
import type { paymentMethodSchema } from './payment-method.schemas';

/** See `paymentMethodSchema`. */
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export interface PaymentMethodRow {
  [column: string]: unknown;
  id: string;
  mode: 'test' | 'live';
  customer_id: string;
  provider: string;
  provider_method_id: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  is_default: boolean;
  created_at: Date;
}

export function toPaymentMethod(row: PaymentMethodRow): PaymentMethod {
  return {
    id: row.id,
    object: 'payment_method',
    customerId: row.customer_id,
    type: 'card',
    card: { brand: row.brand, last4: row.last4, expMonth: row.exp_month, expYear: row.exp_year },
    isDefault: row.is_default,
    livemode: row.mode === 'live',
    createdAt: new Date(row.created_at).toISOString(),
  };
}
