import { ConfigurationError, isBillingOSError, Subscribable, type BillingOSClient } from '@billingos/sdk';
import { PaymentError, paymentErrorOf } from './PaymentError';
import type { CheckoutConfirmation, CheckoutPayment, CheckoutSession, CheckoutState, StartCheckoutParams } from './types';

/** How often a confirm that another request is already running (409 `checkout_session_processing`) is asked again. */
const PROCESSING_RETRIES = 10;

const initial: CheckoutState = { session: null, status: 'idle', error: null, requiredAction: null, confirmation: null };

/**
 * One buyer's checkout, framework-free (`useCheckout()` binds React to it): `start()` creates the
 * session with the client's session token, `confirm()` pays it with the session's client secret.
 *
 * A card goes into one confirm request and is dropped when it settles. The one exception is a
 * payment waiting for the bank (`requires_action`): its payment is held in memory (never in the
 * state) until `confirm()` resumes it, so the buyer need not type the card again; `reset()` and a
 * new `start()` drop it.
 *
 * @example
 * const flow = new CheckoutFlow(client);
 * await flow.start({ priceId: 'price_pro' });
 * const result = await flow.confirm({ card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' } });
 */
export class CheckoutFlow extends Subscribable {
  readonly #client: BillingOSClient;
  readonly #refresh: (() => Promise<unknown>) | undefined;
  #state = initial;
  /** Bumped by `start()` and `reset()`: answers to an older checkout are dropped. */
  #epoch = 0;
  #confirming: Promise<CheckoutConfirmation | undefined> | null = null;
  /** The payment the bank is asking the buyer to confirm, to resume it with. */
  #waiting: CheckoutPayment | null = null;

  /** `refresh`: what to fetch again once a checkout completes (the hooks' subscriptions and entitlements), awaited before `complete`. */
  constructor(client: BillingOSClient, options: { refresh?: () => Promise<unknown> } = {}) {
    super();
    this.#client = client;
    this.#refresh = options.refresh;
  }

  getState = (): CheckoutState => this.#state;

  /** Creates a checkout session for the signed-in customer; resolves `undefined` (and sets `error`) on failure. */
  start = async (params: StartCheckoutParams = {}): Promise<CheckoutSession | undefined> => {
    const epoch = this.#begin({ ...initial, status: 'creating' });
    try {
      const here = typeof location === 'undefined' ? undefined : location.href;
      const url = (value: string | undefined) => (value === undefined ? here : here ? new URL(value, here).href : value);
      const successUrl = url(params.successUrl);
      const cancelUrl = url(params.cancelUrl);
      if (!successUrl || !cancelUrl) {
        throw new ConfigurationError({ code: 'checkout_urls_missing', message: 'Outside a browser, start() needs absolute successUrl and cancelUrl.' });
      }
      const { priceId, mode = priceId ? 'subscription' : 'setup' } = params;
      const session = await this.#client.request<CheckoutSession>('POST', '/v1/me/checkout-sessions', { priceId, mode, successUrl, cancelUrl });
      if (epoch === this.#epoch) this.#set({ session, status: 'ready' });
      return session;
    } catch (error) {
      if (epoch === this.#epoch) this.#set({ status: 'failed', error: error as Error });
      return undefined;
    }
  };

  /**
   * Pays the session: with a card, a saved method, or (after the bank's confirmation page) with
   * nothing, to resume the payment that waited for it. One confirm runs at a time: a second call
   * while one runs gets the same answer. Resolves `undefined` (and sets `error`) when it could not ask.
   */
  confirm = (payment?: CheckoutPayment): Promise<CheckoutConfirmation | undefined> => {
    this.#confirming ??= this.#confirm(payment).finally(() => {
      this.#confirming = null;
    });
    return this.#confirming;
  };

  /** Back to `idle`, forgetting the session and any payment waiting for the bank. */
  reset = (): void => {
    this.#begin(initial);
  };

  async #confirm(payment: CheckoutPayment | undefined): Promise<CheckoutConfirmation | undefined> {
    const { session } = this.#state;
    const input = payment ?? this.#waiting;
    const epoch = this.#epoch;
    if (!session || !input) {
      const message = session ? 'confirm() needs a card or a paymentMethodId.' : 'Call start() (and wait for it) before confirm().';
      this.#set({ status: 'failed', error: new ConfigurationError({ code: session ? 'payment_missing' : 'checkout_not_started', message }) });
      return undefined;
    }
    this.#set({ status: 'confirming', error: null });
    try {
      const confirmation = await this.#send(session, input);
      if (confirmation.status === 'complete') await this.#refresh?.().catch(() => {});
      if (epoch === this.#epoch) this.#settle(confirmation, input);
      return confirmation;
    } catch (error) {
      if (epoch === this.#epoch) this.#set({ status: this.#waiting ? 'requires_action' : 'failed', error: paymentErrorOf(error) ?? (error as Error) });
      return undefined;
    }
  }

  /** The confirm request, asked again while another request is confirming the same session (another tab, a double submit elsewhere). */
  async #send(session: CheckoutSession, input: CheckoutPayment): Promise<CheckoutConfirmation> {
    const path = `/v1/checkout-sessions/${encodeURIComponent(session.id)}/confirm`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        // The client secret authorises the confirm; it goes in the body, where the route reads it first.
        return await this.#client.request<CheckoutConfirmation>('POST', path, { clientSecret: session.clientSecret, ...input });
      } catch (error) {
        if (attempt >= PROCESSING_RETRIES || !isBillingOSError(error, 'idempotency_error') || error.code !== 'checkout_session_processing') throw error;
        const seconds = Number(error.headers['retry-after']) || 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(seconds, 5) * 1000));
      }
    }
  }

  #settle(confirmation: CheckoutConfirmation, input: CheckoutPayment): void {
    if (confirmation.status === 'complete') {
      this.#waiting = null;
      this.#set({ status: 'complete', requiredAction: null, confirmation });
      return;
    }
    const { requiredAction } = confirmation;
    if (requiredAction.code === 'requires_action') {
      this.#waiting = input;
      this.#set({ status: 'requires_action', requiredAction });
      return;
    }
    this.#waiting = null;
    const failure = requiredAction.failure ?? { code: requiredAction.code, declineCode: null, message: 'Add a card to pay with.' };
    this.#set({ status: 'failed', requiredAction, error: new PaymentError({ message: failure.message, code: failure.code, declineCode: failure.declineCode }) });
  }

  #begin(state: CheckoutState): number {
    this.#waiting = null;
    this.#state = state;
    this.notify();
    return ++this.#epoch;
  }

  #set(patch: Partial<CheckoutState>): void {
    this.#state = { ...this.#state, ...patch };
    this.notify();
  }
}
