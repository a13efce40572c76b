import { createHash } from 'node:crypto';
import { Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/allow.decorator';
import { ApiError } from '../errors/api-error';
import { ApiOperation } from '../openapi/api-operation.decorator';
import { TestPaymentProvider } from '../payments/test-payment-provider';
import { z } from 'zod';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1a1d21}
main{background:#fff;border:1px solid #d9dde3;border-radius:12px;padding:32px;max-width:420px}
h1{font-size:20px;margin:0 0 8px}p{margin:0 0 24px;color:#4a515c}form{display:inline}
button{font:inherit;padding:10px 18px;border-radius:8px;border:1px solid #1a56db;margin-right:8px;cursor:pointer}
.complete{background:#1a56db;color:#fff}.fail{background:#fff;color:#1a56db}
@media (prefers-color-scheme:dark){body{background:#111418;color:#e8eaed}main{background:#1b1f24;border-color:#33383f}p{color:#aab1bb}.fail{background:#1b1f24;color:#8ab4f8}}`;
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const decisionParam = z.enum(['complete', 'fail']);

/**
 * The test provider's stand-in for a bank's authentication page (3-D Secure): Complete or Fail,
 * and the payment waiting for it succeeds or fails. No script; the form posts back here.
 */
@Controller('v1/test-payments')
@Public()
export class TestPaymentPageController {
  readonly #provider: TestPaymentProvider;

  constructor(@Inject(TestPaymentProvider) provider: TestPaymentProvider) {
    this.#provider = provider;
  }

  @Get(':id/authenticate')
  @ApiOperation({ summary: "The test provider's authentication page (HTML, test mode's stand-in for 3-D Secure)" })
  async page(@Param('id') id: string, @Query('checkout') checkout: string | undefined, @Res() response: Response) {
    const payment = await this.#provider.retrieve(id).catch(() => undefined);
    if (!payment) throw new ApiError({ status: 404, type: 'not_found_error', code: 'resource_missing', message: `No test payment ${id} is waiting for authentication.` });
    const query = checkout ? `?checkout=${encodeURIComponent(checkout)}` : '';
    const body =
      payment.status === 'requires_action'
        ? `<h1>Confirm this test payment</h1><p>This page stands in for your bank's check (3-D Secure) in test mode.</p>
<form method="post" action="/v1/test-payments/${encodeURIComponent(id)}/authenticate/complete${query}"><button class="complete">Complete</button></form><form method="post" action="/v1/test-payments/${encodeURIComponent(id)}/authenticate/fail${query}"><button class="fail">Fail</button></form>`
        : `<h1>Payment ${payment.status === 'succeeded' ? 'confirmed' : 'not confirmed'}</h1><p>You can return to the checkout.</p>`;
    send(response, 200, body);
  }

  @Post(':id/authenticate/:decision')
  @HttpCode(200)
  @ApiOperation({ summary: "Complete or fail a test payment's authentication (the page's buttons; `decision` is `complete` or `fail`)" })
  async decide(@Param('id') id: string, @Param('decision') decision: string, @Query('checkout') checkout: string | undefined, @Res() response: Response) {
    const parsed = decisionParam.safeParse(decision);
    if (!parsed.success) throw new ApiError({ status: 404, type: 'not_found_error', code: 'resource_missing', message: 'Decide a test payment with /complete or /fail.' });
    const payment = await this.#provider.authenticate(id, parsed.data === 'complete');
    if (checkout && /^cs_[a-z0-9]+$/.test(checkout)) {
      response.redirect(303, `/checkout/${checkout}`);
      return;
    }
    send(response, 200, `<h1>Payment ${payment.status === 'succeeded' ? 'confirmed' : 'not confirmed'}</h1><p>You can return to the checkout.</p>`);
  }
}

function send(response: Response, status: number, body: string): void {
  response
    .status(status)
    .set({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' })
    .send(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Test payment</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`);
}
