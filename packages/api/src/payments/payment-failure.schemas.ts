import { z } from 'zod';

/** Why a charge failed, as a checkout's `requiredAction.failure` and an invoice's `lastPaymentError` say it. */
export const paymentFailureSchema = z
  .object({
    code: z.string().meta({ description: '`card_declined`, `expired_card`, `authentication_required`, `processing_error`, or `payment_method_required` (no default method).' }),
    declineCode: z.string().nullable(),
    message: z.string().meta({ description: 'What to tell the customer.' }),
  })
  .meta({ id: 'PaymentFailure', description: 'Why a charge failed, in words a customer understands.' });

export type PaymentFailureBody = z.infer<typeof paymentFailureSchema>;
