import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError } from '../errors/api-error';
import { html, sendHtmlPage } from '../http/html-page';
import { HtmlPages } from '../http/html-pages.decorator';
import { noticePage } from '../http/notice-page';
import { ApiOperation } from '../openapi/api-operation.decorator';
import type { ChargeResult } from '../payments/payment-provider';
import { TestPaymentProvider } from '../payments/test-payment-provider';
import { z } from 'zod';
import { CheckoutPageQueries } from './checkout-page.details';
import { checkoutPagePath } from './checkout-session';

const decisionParam = z.enum(['complete', 'fail']);

/**
 * The test provider's stand-in for a bank's authentication page (3-D Secure): Complete or Fail,
 * and the payment waiting for it succeeds or fails. No script; the form posts back here, and
 * with `?checkout=cs_…` (the session waiting on this payment) the buyer goes back to that
 * checkout's page, which finishes the payment.
 */
@Controller('v1/test-payments')
@HtmlPages()
export class TestPaymentPageController {
  readonly #provider: TestPaymentProvider;
  readonly #queries: CheckoutPageQueries;

  constructor(@Inject(TestPaymentProvider) provider: TestPaymentProvider, @Inject(CheckoutPageQueries) queries: CheckoutPageQueries) {
    this.#provider = provider;
    this.#queries = queries;
  }

  @Get(':id/authenticate')
  @ApiOperation({ summary: "The test provider's authentication page (HTML, test mode's stand-in for 3-D Secure)", html: true })
  async page(@Param('id') id: string, @Query('checkout') checkout: string | undefined, @Res() response: Response): Promise<void> {
    const payment = await this.#payment(id);
    const back = checkout ? await this.#queries.returnTo(checkout, id) : undefined;
    if (payment.status !== 'requires_action') return sendHtmlPage(response, 200, decided(payment, back && checkoutPagePath(back.clientSecret)));
    const query = back ? `?checkout=${encodeURIComponent(checkout!)}` : '';
    const action = (decision: string) => `/v1/test-payments/${encodeURIComponent(id)}/authenticate/${decision}${query}`;
    // Complete → 303 to the checkout page → 303 to the merchant's successUrl: form-action must allow the whole chain.
    const page = noticePage({
      heading: 'Confirm this test payment',
      testMode: true,
      formTargets: back ? [back.successUrl] : [],
      body: html`<p>In live mode your bank would ask you to confirm the payment here (3-D Secure). In test mode, choose what the bank answers.</p>
<div class="actions"><form method="post" action="${action('complete')}"><button class="button" type="submit">Complete</button></form>
<form method="post" action="${action('fail')}"><button class="button button-secondary" type="submit">Fail</button></form></div>`,
    });
    sendHtmlPage(response, 200, page);
  }

  @Post(':id/authenticate/:decision')
  @HttpCode(200)
  @ApiOperation({
    summary: "Complete or fail a test payment's authentication (the page's buttons; `decision` is `complete` or `fail`)",
    description: 'With `?checkout=`: 303 back to that checkout\'s page, which finishes the payment.',
    html: true,
  })
  async decide(@Param('id') id: string, @Param('decision') decision: string, @Query('checkout') checkout: string | undefined, @Res() response: Response): Promise<void> {
    const parsed = decisionParam.safeParse(decision);
    if (!parsed.success) throw missing(id);
    await this.#payment(id);
    const back = checkout ? await this.#queries.returnTo(checkout, id) : undefined;
    const payment = await this.#provider.authenticate(id, parsed.data === 'complete');
    if (back) return response.redirect(303, checkoutPagePath(back.clientSecret));
    sendHtmlPage(response, 200, decided(payment));
  }

  async #payment(id: string): Promise<ChargeResult> {
    const payment = await this.#provider.retrieve(id).catch(() => undefined);
    if (!payment) throw missing(id);
    return payment;
  }
}

/** The payment was decided already: back to the checkout when one waits on it. */
function decided(payment: ChargeResult, checkout?: string) {
  const confirmed = payment.status === 'succeeded';
  return noticePage({
    heading: confirmed ? 'Payment confirmed' : 'Payment not confirmed',
    testMode: true,
    body: checkout
      ? html`<p>Your answer is recorded.</p><div class="actions"><a class="button" href="${checkout}">Return to the checkout</a></div>`
      : html`<p>You can close this page and return to the checkout.</p>`,
  });
}

function missing(id: string): ApiError {
  return new ApiError({ status: 404, type: 'not_found_error', code: 'resource_missing', message: `No test payment ${id} is waiting for authentication.` });
}
