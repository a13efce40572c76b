import { inject, injectable } from '../internal/di';
import { HttpClient } from '../http/http-client';
import { idSegment } from './id-segment';
import type { RequestOptions } from '../http/request-options';
import type { CheckoutConfirmation, CheckoutSession, CheckoutSessionConfirmParams, CheckoutSessionCreateParams } from './invoice';

/** `/v1/checkout-sessions`: a page, served by BillingOS, where the buyer pays and subscribes (or saves a card). */
@injectable()
export class CheckoutSessions {
  readonly #http: HttpClient;

  constructor(@inject(HttpClient) http: HttpClient) {
    this.#http = http;
  }

  /**
   * @example
   * const session = await billing.checkoutSessions.create({ externalUserId: user.id, mode: 'subscription', priceId, successUrl, cancelUrl });
   * redirect(session.url);
   */
  async create(params: CheckoutSessionCreateParams, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#http.request({ method: 'POST', path: '/v1/checkout-sessions', body: params }, options);
  }

  /**
   * Pays a session with a saved method: in tests, with a `pm_card_…` alias instead of the page.
   * @example await billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId: 'pm_card_visa' });
   */
  async confirm(id: string, params: CheckoutSessionConfirmParams, options?: RequestOptions): Promise<CheckoutConfirmation> {
    return this.#http.request({ method: 'POST', path: `${sessionPath(id, 'confirm')}/confirm`, body: params }, options);
  }

  /** @example const { status, subscriptionId } = await billing.checkoutSessions.retrieve(sessionId); */
  async retrieve(id: string, options?: RequestOptions): Promise<CheckoutSession> {
    return this.#http.request({ method: 'GET', path: sessionPath(id, 'retrieve') }, options);
  }
}

function sessionPath(id: string, method: string): string {
  return `/v1/checkout-sessions/${idSegment(id, { method: `checkoutSessions.${method}`, param: 'id', expected: "a checkout session id such as 'cs_123'" })}`;
}
