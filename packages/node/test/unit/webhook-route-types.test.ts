// Compile-time checks (the root `tsc --noEmit` runs over tests): the webhook route fits the frameworks the README names, without casts.
import { BillingOS, createWebhookHandler, createWebhookRoute } from '@billingos/node';
import type { BillingOSEvent, BillingOSEventOfType, Customer, ListPromise, Subscription, WebhookEventHandlers, WebhookRoute } from '@billingos/node';
import type { RequestHandler } from 'express';
import type { NextApiHandler } from 'next';
import type { NextRequest } from 'next/server';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T) => value;
declare const billing: BillingOS;

assertType<Equals<BillingOSEventOfType<'subscription.renewed'>['data'], Subscription>>(true);
assertType<Equals<BillingOSEventOfType<'subscription.renewed'>['type'], 'subscription.renewed'>>(true);
assertType<Equals<BillingOSEventOfType<'customer.deleted'>['data'], { id: string; object: 'customer'; deleted: true }>>(true);
assertType<Equals<Parameters<NonNullable<WebhookEventHandlers['customer.created']>>[0]['data'], Customer>>(true);
assertType<Equals<ReturnType<BillingOS['events']['list']>, ListPromise<BillingOSEvent>>>(true);
assertType<Equals<ReturnType<typeof createWebhookRoute>, WebhookRoute>>(true);
export function renewedOnly(): ListPromise<BillingOSEventOfType<'subscription.renewed'>> {
  return billing.events.list({ type: 'subscription.renewed' });
}

// Next.js App Router (`export const POST = …`), with a NextRequest and the route context Next passes.
export const POST = createWebhookRoute({
  secret: 'whsec_c2VjcmV0',
  on: {
    'subscription.renewed': async (event) => void event.data.currentPeriodEnd.toUpperCase(),
    'customer.deleted': (event) => event.data.deleted,
  },
});
export const appRouter: (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response> = POST;
// Express, Connect and the Pages Router take the Node handler as is.
export const expressHandler: RequestHandler = createWebhookHandler({ on: {} });
export const pagesHandler: NextApiHandler = createWebhookHandler({ on: {} });

// @ts-expect-error an event type BillingOS does not send
createWebhookRoute({ on: { 'invoice.refunded': () => undefined } });
// @ts-expect-error a subscription event's data has no `email`
createWebhookRoute({ on: { 'subscription.created': (event) => event.data.email } });
// @ts-expect-error `on` is required: a route without handlers is a mistake
createWebhookRoute({ secret: 'whsec_c2VjcmV0' });

test('the type checks above compile (see the root typecheck)', () => {
  expect([POST, expressHandler, pagesHandler].every((handler) => typeof handler === 'function')).toBe(true);
});
