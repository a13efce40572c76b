import { z } from 'zod';
import { identifier, livemode, timestamp } from '../validation/common-schemas';
import { deletedSchema } from '../validation/common-schemas';

/** A customer's card as BillingOS knows it: never its number. */
export const paymentMethodSchema = z
  .object({
    id: z.string(),
    object: z.literal('payment_method'),
    customerId: z.string(),
    type: z.literal('card'),
    card: z
      .object({
        brand: z.string().meta({ description: '`visa`, `mastercard`, `amex`, …' }),
        last4: z.string(),
        expMonth: z.number().int(),
        expYear: z.number().int(),
      })
      .meta({ id: 'PaymentMethodCard', description: 'What the card says about itself: never its number.' }),
    isDefault: z.boolean().meta({ description: 'The method renewals and plan changes are charged to.' }),
    livemode,
    createdAt: timestamp,
  })
  .meta({ id: 'PaymentMethod', description: "A customer's saved card (brand, last4, expiry)." });

export const paymentMethodListSchema = z
  .object({ object: z.literal('list'), data: z.array(paymentMethodSchema), hasMore: z.literal(false), nextCursor: z.null() })
  .meta({ id: 'PaymentMethodList', description: "A customer's payment methods, the default first." });

export const deletedPaymentMethodSchema = deletedSchema('payment_method', 'DeletedPaymentMethod');

export const attachPaymentMethodBody = z.strictObject({
  paymentMethodId: identifier.meta({
    description: "A method your provider already holds for you; in test mode also a test alias (`pm_card_visa`, `pm_card_chargeDeclined`, `pm_card_insufficientFunds`, `pm_card_recoversAfter2`, `pm_card_authenticationRequired`).",
  }),
  setDefault: z.boolean().optional().meta({ description: 'Make it the default. A customer\'s first method always becomes the default.' }),
});

export type AttachPaymentMethodBody = z.infer<typeof attachPaymentMethodBody>;
