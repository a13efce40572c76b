import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../errors/api-error';
import { notFound } from '../errors/errors';
import { sendHtmlPage } from '../http/html-page';
import { HtmlPages } from '../http/html-pages.decorator';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { Clock } from '../time/clock';
import { CheckoutPageQueries } from './checkout-page.details';
import type { CheckoutPageDetails } from './checkout-page.details';
import { failureProblem, readCardForm } from './checkout-page.form';
import type { CardProblem } from './checkout-page.form';
import { checkoutPage, completePage, expiredPage, processingPage } from './checkout-page.view';
import { checkoutPagePath, sessionIdOf } from './checkout-session';
import type { CheckoutConfirmation, CheckoutSession } from './checkout-session.schemas';
import { CheckoutSessionsService } from './checkout-sessions.service';

/** Stands for "the method already waiting": confirm charges the session's waiting method whatever is passed. */
const WAITING_METHOD = { paymentMethodId: 'pm_waiting' } as const;

interface Loaded {
  secret: string;
  session: CheckoutSession;
  details: CheckoutPageDetails;
}

/**
 * `/checkout/:clientSecret`: the page a checkout session's `url` opens. Plain HTML, no script;
 * the card form posts back here (form-encoded) and the answer is a redirect (to `successUrl`, or
 * to the bank's check) or the page again with what went wrong. Status codes: 200 the form,
 * 400 a field the buyer must fix, 402 a card the provider refused, 409 another confirm in
 * flight, 410 an expired checkout, 404 anything unknown.
 */
@Controller('checkout')
@HtmlPages()
export class CheckoutPageController {
  readonly #sessions: CheckoutSessionsService;
  readonly #queries: CheckoutPageQueries;
  readonly #clock: Clock;

  constructor(@Inject(CheckoutSessionsService) sessions: CheckoutSessionsService, @Inject(CheckoutPageQueries) queries: CheckoutPageQueries, @Inject(Clock) clock: Clock) {
    this.#sessions = sessions;
    this.#queries = queries;
    this.#clock = clock;
  }

  /** The page; back from the bank's check, it finishes the waiting payment first. */
  @Get(':clientSecret')
  @ApiOperation({ summary: "A checkout session's page (HTML): the order and a card form; its `url`", html: true })
  async show(@Param('clientSecret') secret: string, @Res() response: Response): Promise<void> {
    const loaded = await this.#load(secret);
    if (loaded.session.status === 'open' && loaded.details.paymentWaiting) return this.#confirm(response, loaded, WAITING_METHOD, 'back');
    this.#show(response, loaded);
  }

  @Post(':clientSecret')
  @HttpCode(200)
  @ApiOperation({
    summary: "The checkout page's card form (HTML)",
    description: 'Form-encoded `number`, `expiry` (MM / YY) and `cvc`. Answers 303 to `successUrl` (with `session_id`) or to the bank\'s check, else the page again: 400 a field to fix, 402 a refused card, 409 a confirm in flight, 410 expired.',
    html: true,
  })
  async pay(@Param('clientSecret') secret: string, @Body() body: unknown, @Res() response: Response): Promise<void> {
    const loaded = await this.#load(secret);
    if (loaded.session.status === 'complete') return response.redirect(303, successRedirect(loaded.session));
    if (loaded.session.status !== 'open') return this.#show(response, loaded);
    if (loaded.details.paymentWaiting) return this.#confirm(response, loaded, WAITING_METHOD, 'back');
    const form = readCardForm(body, this.#clock.now());
    if ('problem' in form) return sendHtmlPage(response, 400, checkoutPage({ ...this.#view(loaded), problem: form.problem, expiry: form.expiry }));
    return this.#confirm(response, loaded, { card: form.card }, 'form', form.expiry);
  }

  async #load(secret: string): Promise<Loaded> {
    const id = sessionIdOf(secret);
    const [session, details] = await Promise.all([this.#sessions.getWithSecret(id, secret), this.#queries.details(id)]);
    if (!details) throw notFound('checkout_session', id);
    return { secret, session, details };
  }

  #show(response: Response, loaded: Loaded): void {
    const { session, details } = loaded;
    if (session.status === 'complete') return sendHtmlPage(response, 200, completePage(session, details, successRedirect(session)));
    if (session.status === 'expired') return sendHtmlPage(response, 410, expiredPage(session, details));
    if (details.confirming) return sendHtmlPage(response, 200, processingPage(session, details, checkoutPagePath(loaded.secret)));
    sendHtmlPage(response, 200, checkoutPage(this.#view(loaded)));
  }

  /**
   * Confirms and answers: done → 303 to `successUrl`; the bank must check → 303 there (or, back
   * from it undecided, the page with a link to it); refused → the page with why.
   */
  async #confirm(response: Response, loaded: Loaded, input: Parameters<CheckoutSessionsService['confirm']>[2], from: 'form' | 'back', expiry?: string): Promise<void> {
    let result: CheckoutConfirmation;
    try {
      result = await this.#sessions.confirm(loaded.session.id, loaded.secret, input);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.code === 'checkout_session_processing' || error.code === 'payment_in_progress') return sendHtmlPage(response, 409, processingPage(loaded.session, loaded.details, checkoutPagePath(loaded.secret)));
      if (error.code === 'checkout_session_expired') return this.#show(response, await this.#load(loaded.secret));
      throw error;
    }
    if (result.status === 'complete') return response.redirect(303, result.redirectUrl);
    const action = result.requiredAction;
    if (action.code === 'requires_action' && action.url) {
      if (from === 'form') return response.redirect(303, action.url);
      return sendHtmlPage(response, 200, checkoutPage({ ...this.#view(loaded), authenticateUrl: action.url }));
    }
    const problem: CardProblem = action.failure ? failureProblem(action.failure) : { field: 'number', message: 'Enter a card to pay with.' };
    sendHtmlPage(response, 402, checkoutPage({ ...this.#view(await this.#load(loaded.secret)), problem, expiry }));
  }

  #view(loaded: Loaded) {
    return { session: loaded.session, details: loaded.details, path: checkoutPagePath(loaded.secret) };
  }
}

/** `successUrl` with `session_id`, as confirm answers it. */
function successRedirect(session: CheckoutSession): string {
  const url = new URL(session.successUrl);
  url.searchParams.set('session_id', session.id);
  return url.toString();
}
