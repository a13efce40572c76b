/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { act, waitFor } from '@testing-library/react';
import { ApiError, AuthenticationError, ConfigurationError, InvalidRequestError, isBillingOSError } from '../../src/index';
import { PaymentError, paymentErrorOf, useCheckout, type UseCheckoutResult } from '../../src/checkout';
import { renderSignedIn, withCatalogStack } from '../ui/catalog';
import { answerAuthentication, billingOf, card, CARDS, expectNoCardNumber } from './support';

const env = withCatalogStack();
const SETTLE = { timeout: 15_000 };

/** Renders `useCheckout()` for `user`; `current()` is its latest result. */
function renderHook(user: string | null) {
  let latest: UseCheckoutResult | undefined;
  function Probe() {
    latest = useCheckout();
    return null;
  }
  const { calls } = renderSignedIn(env.stack, user, <Probe />);
  const current = () => latest!;
  /** Runs one of the hook's actions inside act, so its state updates are applied before the test reads them. */
  const run = async <T,>(action: (hook: UseCheckoutResult) => Promise<T>) => {
    let result: T | undefined;
    await act(async () => {
      result = await action(current());
    });
    return result as T;
  };
  return { current, run, confirms: () => calls.filter((call) => call.path.endsWith('/confirm')) };
}

test('start() creates the session with the session token; confirm() pays it, and the hook reads complete', async () => {
  const { current, run, confirms } = renderHook('hook-4242');
  expect(current()).toMatchObject({ status: 'idle', session: null, error: null, requiredAction: null, confirmation: null });
  const session = await run((hook) => hook.start({ priceId: env.catalog.starter.monthly, successUrl: '/welcome' }));
  expect(session).toMatchObject({ object: 'checkout_session', status: 'open', mode: 'subscription', amountDue: 900, currency: 'usd', trialDays: 0, successUrl: 'http://localhost/welcome', cancelUrl: 'http://localhost/' });
  expect(current()).toMatchObject({ status: 'ready', session });

  const confirmation = await run((hook) => hook.confirm({ card: card(CARDS.succeeds) }));
  expect(confirmation).toMatchObject({ status: 'complete', redirectUrl: `http://localhost/welcome?session_id=${session!.id}` });
  expect(current()).toMatchObject({ status: 'complete', confirmation, error: null });
  expect(confirms()).toHaveLength(1);
  expect((await billingOf(env.stack, 'hook-4242')).subscriptions).toEqual([expect.objectContaining({ status: 'active' })]);
});

test('confirming twice at once sends one request and makes one subscription', async () => {
  const { run, confirms } = renderHook('hook-twice');
  await run((hook) => hook.start({ priceId: env.catalog.starter.monthly }));
  const [first, second] = await run((hook) => Promise.all([hook.confirm({ card: card(CARDS.succeeds) }), hook.confirm({ card: card(CARDS.succeeds) })]));
  expect(first).toMatchObject({ status: 'complete' });
  expect(second).toBe(first);
  expect(confirms()).toHaveLength(1);
  const billing = await billingOf(env.stack, 'hook-twice');
  expect(billing.subscriptions).toHaveLength(1);
  expect(billing.invoices).toHaveLength(1);
});

test('a confirm racing another one for the same session (another tab) waits for it and ends complete, charged once', async () => {
  const { current, run, confirms } = renderHook('hook-race');
  const session = (await run((hook) => hook.start({ priceId: env.catalog.starter.monthly })))!;
  const elsewhere = () => fetch(`${env.stack.api.url}/v1/checkout-sessions/${session.id}/confirm`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.clientSecret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ paymentMethodId: 'pm_card_visa' }),
  });
  const [mine, theirs] = await run((hook) => Promise.all([hook.confirm({ card: card(CARDS.succeeds) }), elsewhere()]));
  expect([200, 409]).toContain(theirs.status);
  expect(mine).toMatchObject({ status: 'complete' });
  expect(current().status).toBe('complete');
  // Whoever held the session first, a 409 was asked again, never charged again.
  expect(confirms().every((call) => call.status === 200 || call.status === 409)).toBe(true);
  const billing = await billingOf(env.stack, 'hook-race');
  expect(billing.subscriptions).toHaveLength(1);
  expect(billing.invoices).toEqual([expect.objectContaining({ status: 'paid', amountPaid: 900 })]);
});

test.each([
  [CARDS.declined, 'card_declined', 'generic_decline'],
  [CARDS.insufficientFunds, 'card_declined', 'insufficient_funds'],
])('%s: a PaymentError with code and declineCode, the session still open, no card number anywhere', async (number, code, declineCode) => {
  const { current, run } = renderHook(`hook-${number.slice(-4)}`);
  await run((hook) => hook.start({ priceId: env.catalog.starter.monthly }));
  const answer = await run((hook) => hook.confirm({ card: card(number) }));
  expect(answer).toEqual({ status: 'open', requiredAction: { code: 'payment_failed', failure: { code, declineCode, message: expect.any(String) } } });
  const { status, error, requiredAction } = current();
  expect(status).toBe('failed');
  expect(requiredAction?.code).toBe('payment_failed');
  expect(error).toBeInstanceOf(PaymentError);
  expect(error).toMatchObject({ type: 'payment_error', code, declineCode });
  expect(isBillingOSError(error, 'payment_error')).toBe(true);
  expectNoCardNumber(JSON.stringify(current()) + String(error?.message) + String(error?.stack));
  expect((await billingOf(env.stack, `hook-${number.slice(-4)}`)).subscriptions).toEqual([]);
});

test('an error the API answers (a malformed card) carries no card number either', async () => {
  const { current, run } = renderHook('hook-malformed');
  await run((hook) => hook.start({ priceId: env.catalog.starter.monthly }));
  await run((hook) => hook.confirm({ card: { ...card('4242 4242 4242 4242'), cvc: '12345' } }));
  const { error } = current();
  expect(error).toBeInstanceOf(InvalidRequestError);
  expect(current().status).toBe('failed');
  expectNoCardNumber(JSON.stringify({ error, raw: (error as InvalidRequestError).raw, message: error?.message, state: current() }));
});

test('3184: requires_action with the url; confirm() with nothing resumes once the bank said yes', async () => {
  const { current, run, confirms } = renderHook('hook-3184');
  await run((hook) => hook.start({ priceId: env.catalog.starter.monthly }));
  await run((hook) => hook.confirm({ card: card(CARDS.authentication) }));
  expect(current()).toMatchObject({ status: 'requires_action', error: null, requiredAction: { code: 'requires_action', url: expect.stringMatching(/\/v1\/test-payments\/tpay_\w+\/authenticate\?checkout=cs_/) } });
  expectNoCardNumber(JSON.stringify(current()));
  await answerAuthentication(current().requiredAction!.url!, 'complete');
  const done = await run((hook) => hook.confirm());
  expect(done).toMatchObject({ status: 'complete' });
  expect(confirms()).toHaveLength(2);
  expect((await billingOf(env.stack, 'hook-3184')).invoices).toEqual([expect.objectContaining({ status: 'paid' })]);
});

test('signed out, start() fails with the AuthenticationError; confirm() before start() says what to call', async () => {
  const { current, run } = renderHook(null);
  await run((hook) => hook.confirm({ card: card(CARDS.succeeds) }));
  expect(current().error).toBeInstanceOf(ConfigurationError);
  expect(current().error).toMatchObject({ code: 'checkout_not_started' });
  expect(await run((hook) => hook.start({ priceId: env.catalog.starter.monthly }))).toBeUndefined();
  await waitFor(() => expect(current().status).toBe('failed'), SETTLE);
  expect(current().error).toBeInstanceOf(AuthenticationError);
});

test('paymentErrorOf: a PaymentError as it is, a 402 payment_error from the hooks entry as one, anything else undefined', () => {
  const declined = new PaymentError({ message: 'Your card was declined.', code: 'card_declined', declineCode: 'generic_decline' });
  expect(paymentErrorOf(declined)).toBe(declined);
  const raw = { error: { type: 'payment_error', code: 'payment_failed', message: 'Your card was declined.', requestId: 'req_1' } };
  const fromHooks = new ApiError({ message: 'Your card was declined.', code: 'payment_failed', statusCode: 402, requestId: 'req_1', raw });
  expect(paymentErrorOf(fromHooks)).toMatchObject({ name: 'PaymentError', type: 'payment_error', code: 'payment_failed', statusCode: 402, requestId: 'req_1', cause: fromHooks });
  expect(paymentErrorOf(new ApiError({ message: 'Down', statusCode: 503 }))).toBeUndefined();
  expect(paymentErrorOf(new Error('x'))).toBeUndefined();
});
