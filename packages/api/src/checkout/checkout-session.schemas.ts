import { z } from 'zod';
import { paymentFailureSchema } from '../payments/payment-failure.schemas';
import { identifier, livemode, timestamp } from '../validation/common-schemas';

const returnUrl = z
  .string()
  .max(2048)
  .refine((value) => /^https?:\/\//.test(value) && URL.canParse(value), 'must be an absolute http(s) URL, such as https://example.com/billing/success');

const sessionFields = {
  priceId: identifier.optional().meta({ description: 'The price to subscribe to (`mode: "subscription"`).' }),
  mode: z.enum(['subscription', 'setup']).meta({ description: '`subscription`: pay and subscribe; `setup`: save a card for later.' }),
  successUrl: returnUrl.meta({ description: 'Where the buyer goes once done; `session_id` is added to it.' }),
  cancelUrl: returnUrl.meta({ description: 'Where "Back" takes the buyer.' }),
};

function priceMatchesMode(body: { mode: 'subscription' | 'setup'; priceId?: string | undefined }, ctx: z.RefinementCtx): void {
  if (body.mode === 'subscription' && body.priceId === undefined) ctx.addIssue({ code: 'custom', path: ['priceId'], message: 'a subscription checkout needs the priceId to subscribe to' });
  if (body.mode === 'setup' && body.priceId !== undefined) ctx.addIssue({ code: 'custom', path: ['priceId'], message: 'a setup checkout saves a card and takes no price: leave priceId out' });
}

export const createCheckoutSessionBody = z
  .strictObject({ customerId: identifier.optional(), externalUserId: identifier.optional(), ...sessionFields })
  .superRefine((body, ctx) => {
    if ((body.customerId === undefined) === (body.externalUserId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'give the buyer as customerId (cus_…) or as externalUserId (your user id), one of them' });
    }
    priceMatchesMode(body, ctx);
  });

export const createMyCheckoutSessionBody = z.strictObject(sessionFields).superRefine(priceMatchesMode);

const cardInput = z.strictObject({
  number: z.string().regex(/^[\d\s-]{12,23}$/, 'must be the card number, digits only (spaces allowed)'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^\d{3,4}$/, 'must be the 3 or 4 digits on the card'),
});

export const confirmCheckoutSessionBody = z
  .strictObject({
    clientSecret: z.string().min(1).max(255).optional().meta({ description: "The session's clientSecret (or send it as the bearer)." }),
    card: cardInput.optional(),
    paymentMethodId: identifier.optional().meta({ description: "A saved method of the session's customer (`pm_…`); in test mode also a `pm_card_…` alias." }),
  })
  .superRefine((body, ctx) => {
    if ((body.card === undefined) === (body.paymentMethodId === undefined)) ctx.addIssue({ code: 'custom', path: ['card'], message: 'give a card or a paymentMethodId, one of them' });
  });

export const checkoutSessionSchema = z
  .object({
    id: z.string(),
    object: z.literal('checkout_session'),
    status: z.enum(['open', 'complete', 'expired']),
    mode: z.enum(['subscription', 'setup']),
    customerId: z.string(),
    priceId: z.string().nullable(),
    url: z.string().meta({ description: 'The checkout page, served by the API: send the buyer there.' }),
    clientSecret: z.string().meta({ description: 'Authorises showing and confirming this session from a browser (the checkout page, `<Checkout>`): keep it to the buyer.' }),
    expiresAt: timestamp,
    amountDue: z.number().int().meta({ description: "What is charged today, in the currency's smallest unit (0 for a trial or a setup)." }),
    currency: z.string().nullable(),
    trialDays: z.number().int(),
    subscriptionId: z.string().nullable(),
    successUrl: z.string(),
    cancelUrl: z.string(),
    livemode,
    createdAt: timestamp,
  })
  .meta({ id: 'CheckoutSession', description: 'A buyer\'s way to a paid subscription, or to a saved card (`mode: "setup"`).' });

export const checkoutConfirmationSchema = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('complete'), subscriptionId: z.string().nullable(), paymentMethodId: z.string(), redirectUrl: z.string() }),
    z.object({
      status: z.literal('open'),
      requiredAction: z.object({
        code: z.enum(['requires_action', 'payment_failed', 'payment_method_required']),
        url: z.string().optional().meta({ description: 'For `requires_action`: where the buyer confirms the payment with their bank.' }),
        failure: paymentFailureSchema.optional(),
      }),
    }),
  ])
  .meta({ id: 'CheckoutConfirmation', description: 'The outcome of confirming a checkout: complete, or still open with what the buyer must do.' });

export type CreateCheckoutSessionBody = z.infer<typeof createCheckoutSessionBody>;
export type CreateMyCheckoutSessionBody = z.infer<typeof createMyCheckoutSessionBody>;
export type ConfirmCheckoutSessionBody = z.infer<typeof confirmCheckoutSessionBody>;
export type CheckoutSession = z.infer<typeof checkoutSessionSchema>;
export type CheckoutConfirmation = z.infer<typeof checkoutConfirmationSchema>;
