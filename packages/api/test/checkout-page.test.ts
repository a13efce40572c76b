import { createHash } from 'node:crypto';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { contentSecurityPolicy, html } from '../src/http/html-page';
import { formatMoney } from '../src/http/page-format';
import { checkResponses, ResponseContract } from '../src/openapi/contract-check';
import { OpenApiDocumentProvider } from '../src/openapi/openapi-document.provider';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { Clock } from '../src/time/clock';
import { client } from './support/http';

/** The wall clock, moved forward when a test needs a checkout's 24 hours to be over. */
class ShiftedClock extends Clock {
  shiftMs = 0;
  override now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }
}

const keys = generateMerchantKeys();
const clock = new ShiftedClock();
let server: ApiServer;
let api: ReturnType<typeof client>;
let prices: { pro: string; trial: string };

const URLS = { successUrl: 'https://merchant.example/billing/done?from=checkout', cancelUrl: 'https://merchant.example/pricing' };
const EXPIRY = `12 / ${String(new Date().getUTCFullYear() + 2).slice(2)}`;
const CVC = '987';

beforeAll(async () => {
  let contract: ResponseContract | undefined;
  server = await startApiServer({
    port: 0,
    keys,
    clock,
    lifecycleIntervalMs: 0,
    configureApp: (app) => app.use(checkResponses(() => (contract ??= new ResponseContract(app.get(OpenApiDocumentProvider).document)))),
  });
  api = client(server.url);
  const pro = await api('POST', '/v1/products', {
    key: keys.secretKey,
    body: { name: 'Pro', featureKeys: ['pro'], prices: [{ amount: 2500, currency: 'usd', interval: 'month' }, { amount: 2500, currency: 'usd', interval: 'month', trialDays: 14 }] },
  });
  prices = { pro: pro.body.prices[0].id, trial: pro.body.prices[1].id };
});
afterAll(() => server.close());

async function session(externalUserId: string, body: object = {}) {
  const created = await api('POST', '/v1/checkout-sessions', { key: keys.secretKey, body: { externalUserId, mode: 'subscription', priceId: prices.pro, ...URLS, ...body } });
  expect(created.status).toBe(201);
  return created.body as { id: string; url: string; clientSecret: string; customerId: string };
}

async function open(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, location: response.headers.get('location'), html: await response.text() };
}

/** The card form as a browser posts it. */
async function pay(url: string, card: { number: string; expiry?: string; cvc?: string }) {
  const response = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ number: card.number, expiry: card.expiry ?? EXPIRY, cvc: card.cvc ?? CVC }).toString(),
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

const successOf = (id: string) => `https://merchant.example/billing/done?from=checkout&session_id=${id}`;

/**
 * Neither the number (however spaced) nor the CVC comes back (the test-mode hint lists test cards of its own: left out).
 * The CVC is looked for as a whole token: the page's random session id and secret may hold its three digits.
 */
function expectNoCard(page: string, number: string) {
  const html = page.replace(/<div class="test-hint">[\s\S]*?<\/details><\/div>/, '');
  const digits = number.replace(/\D/g, '');
  expect(html.replace(/\D/g, ' ')).not.toContain(digits);
  expect(html).not.toContain(digits.match(/.{1,4}/g)!.join(' '));
  expect(html).not.toMatch(new RegExp(`(?<![A-Za-z0-9_])${CVC}(?![A-Za-z0-9_])`));
}

/** The attributes of the `<input>` named `name`. */
function input(html: string, name: string): string {
  return new RegExp(`<input id="${name}"[^>]*>`).exec(html)?.[0] ?? '';
}

describe('GET /checkout/:clientSecret', () => {
  test('shows the plan, its price and interval and what is due today, with a labelled card form; a strict CSP and no script', async () => {
    const created = await session('page_show');
    const page = await open(created.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    for (const text of ['Subscribe to Pro', '$25.00', 'per month', 'Billed monthly', 'Total due today', 'Pay $25.00', 'Test merchant', 'Test mode', '4242 4242 4242 4242']) {
      expect([text, page.html.includes(text)]).toEqual([text, true]);
    }
    expect(page.html).toContain(`<form class="form" method="post" action="/checkout/${created.clientSecret}"`);
    expect(input(page.html, 'number')).toMatch(/autocomplete="cc-number" inputmode="numeric"/);
    expect(input(page.html, 'expiry')).toMatch(/autocomplete="cc-exp"/);
    expect(input(page.html, 'cvc')).toMatch(/autocomplete="cc-csc"/);
    for (const name of ['number', 'expiry', 'cvc']) expect(page.html).toContain(`<label for="${name}">`);
    expect(page.html).toContain(`<a href="${URLS.cancelUrl}">Cancel and return to Test merchant</a>`);
    expect(page.html.split('</style>')[1]).not.toMatch(/role="alert"|aria-invalid/);

    const csp = page.headers.get('content-security-policy')!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(page.html)![1]!;
    expect(csp).toBe(
      `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; img-src 'none'; form-action 'self' https://merchant.example; frame-ancestors 'none'; base-uri 'none'`,
    );
    expect(style).toMatch(/prefers-color-scheme:dark/);
    expect(page.html).not.toMatch(/<script|\son[a-z]+=|\sstyle=/i);
    expect(page.html.match(/<style>/g)).toHaveLength(1);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  test('a trial: the days free, then the price, nothing due today, Start trial', async () => {
    const page = await open((await session('page_trial', { priceId: prices.trial })).url);
    for (const text of ['Try Pro', '14 days free', 'Then $25.00 per month', '14-day free trial, then $25.00 per month', 'Start trial']) expect([text, page.html.includes(text)]).toEqual([text, true]);
    expect(page.html).toMatch(/Total due today<\/dt><dd>\$0\.00</);
  });

  test('setup mode: Save a card, nothing charged', async () => {
    const created = await api('POST', '/v1/checkout-sessions', { key: keys.secretKey, body: { externalUserId: 'page_setup', mode: 'setup', ...URLS } });
    const page = await open(created.body.url);
    for (const text of ['Save a card', 'You will not be charged now', 'Save card']) expect([text, page.html.includes(text)]).toEqual([text, true]);
    const done = await pay(created.body.url, { number: '5555 5555 5555 4444' });
    expect([done.status, done.location]).toEqual([303, successOf(created.body.id)]);
    expect((await open(created.body.url)).html).toContain('Card saved');
  });

  test('an unknown secret, or a known id with the wrong secret, is a generic 404 page', async () => {
    const created = await session('page_unknown');
    for (const path of ['/checkout/cs_nope_secret_nope', `/checkout/${created.id}_secret_wrong`, `/checkout/${created.id}`]) {
      const page = await open(`${server.url}${path}`);
      expect([path, page.status]).toEqual([path, 404]);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      expect(page.html).toContain('Page not found');
      expect(page.html).not.toContain('Pro');
    }
    expect((await pay(`${server.url}/checkout/cs_nope_secret_nope`, { number: '4242424242424242' })).status).toBe(404);
  });
});

describe('POST /checkout/:clientSecret', () => {
  test('4242 pays: 303 to successUrl with session_id; the page then says Payment complete, and posting again goes on to successUrl', async () => {
    const created = await session('page_4242');
    const done = await pay(created.url, { number: '4242 4242 4242 4242' });
    expect([done.status, done.location]).toEqual([303, successOf(created.id)]);
    expect((await api('GET', `/v1/checkout-sessions/${created.id}`, { key: keys.secretKey })).body).toMatchObject({ status: 'complete', subscriptionId: expect.stringMatching(/^sub_/) });
    const page = await open(created.url);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Payment complete');
    expect(page.html).toContain(`href="${successOf(created.id).replace(/&/g, '&amp;')}"`);
    expect(page.html).not.toContain('<form');
    const again = await pay(created.url, { number: '4242 4242 4242 4242' });
    expect([again.status, again.location]).toEqual([303, successOf(created.id)]);
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: keys.secretKey })).body.data).toHaveLength(1);
  });

  test.each([
    ['4000 0000 0000 0002', 'Your card was declined.'],
    ['4000 0000 0000 9995', 'Your card has insufficient funds.'],
    ['4000 0000 0000 9987', 'Your card was declined.'],
    ['4000 0000 0000 0069', 'Your card has expired.'],
    ['4000 0000 0000 0341', 'Your card was declined.'],
  ])('%s is refused: 402, the page says "%s" in an alert, the number field is marked, the card is not echoed; 4242 then pays', async (number, message) => {
    const created = await session(`page_${number.replace(/\D/g, '')}`);
    const declined = await pay(created.url, { number });
    expect(declined.status).toBe(402);
    expect(declined.html).toMatch(new RegExp(`<div class="alert" role="alert" id="card-error">${message.replace(/\./g, '\\.')}`));
    expect(input(declined.html, 'number')).toMatch(/aria-invalid="true" aria-describedby="card-error"/);
    expect(input(declined.html, 'number')).not.toMatch(/value=/);
    expect(input(declined.html, 'cvc')).not.toMatch(/value=|aria-invalid/);
    expect(input(declined.html, 'expiry')).toContain(`value="${EXPIRY}"`);
    expectNoCard(declined.html, number);
    expect((await api('GET', `/v1/subscriptions?customerId=${created.customerId}`, { key: keys.secretKey })).body.data).toEqual([]);
    const paid = await pay(created.url, { number: '4242424242424242' });
    expect([paid.status, paid.location]).toEqual([303, successOf(created.id)]);
  });

  test('0341 on a trial: the card is saved and the trial starts (its charges fail later)', async () => {
    const created = await session('page_0341_trial', { priceId: prices.trial });
    const done = await pay(created.url, { number: '4000 0000 0000 0341' });
    expect([done.status, done.location]).toEqual([303, successOf(created.id)]);
  });

  test.each([
    [{ number: '' }, 'number', 'Enter your card number.'],
    [{ number: '4242 4242 42' }, 'number', 'Your card number is incomplete.'],
    [{ number: '4242 4242 4242 4241' }, 'number', 'Your card number is incorrect.'],
    [{ number: '4012 8888 8888 1881' }, 'number', 'This is test mode: use a test card such as 4242 4242 4242 4242, not a real card.'],
    [{ number: '4242 4242 4242 4242', expiry: '01 / 20' }, 'expiry', "Your card&#39;s expiration date is in the past."],
    [{ number: '4242 4242 4242 4242', expiry: '13 / 40' }, 'expiry', "Your card&#39;s expiration month is invalid."],
    [{ number: '4242 4242 4242 4242', expiry: '12' }, 'expiry', "Your card&#39;s expiration date is incomplete: write it as MM / YY."],
    [{ number: '4242 4242 4242 4242', cvc: '1' }, 'cvc', "Your card&#39;s security code is incomplete: 3 or 4 digits."],
  ])('%j: the page names the field (%s) and says what is wrong; nothing is charged', async (card, field, message) => {
    const created = await session(`page_field_${field}_${Math.random().toString(36).slice(2)}`);
    const answer = await pay(created.url, card);
    expect(answer.status).toBe(field === 'number' && message.startsWith('This is test mode') ? 402 : 400);
    expect(answer.html).toContain(`role="alert" id="card-error">${message}</div>`);
    expect(input(answer.html, field)).toMatch(/aria-invalid="true" aria-describedby="card-error" autofocus/);
    for (const other of ['number', 'expiry', 'cvc'].filter((name) => name !== field)) expect(input(answer.html, other)).not.toContain('aria-invalid');
    if (card.number) expectNoCard(answer.html, card.number);
    expect((await api('GET', `/v1/checkout-sessions/${created.id}`, { key: keys.secretKey })).body.status).toBe('open');
  });

  test('3184 asks the bank: 303 to the authentication page; Complete comes back to the checkout, which pays and goes on to successUrl', async () => {
    const created = await session('page_3ds_complete');
    const asked = await pay(created.url, { number: '4000 0027 6000 3184' });
    expect(asked.status).toBe(303);
    expect(asked.location).toMatch(new RegExp(`^${server.url}/v1/test-payments/tpay_\\w+/authenticate\\?checkout=${created.id}$`));

    // Back without deciding: the page links to the bank's check instead of taking another card.
    const waiting = await open(created.url);
    expect(waiting.status).toBe(200);
    expect(waiting.html).toContain(`href="${asked.location}"`);
    expect(waiting.html).toContain('Confirm with your bank');
    expect(waiting.html).not.toContain('<form');

    const bank = await open(asked.location!);
    expect(bank.status).toBe(200);
    expect(bank.headers.get('content-security-policy')).toContain("form-action 'self' https://merchant.example;");
    expect(bank.html).not.toMatch(/<script|\sstyle=/);
    const complete = /action="([^"]+\/complete[^"]*)"/.exec(bank.html)![1]!;
    const decided = await fetch(`${server.url}${complete}`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: '' });
    expect([decided.status, decided.headers.get('location')]).toEqual([303, `/checkout/${created.clientSecret}`]);
    const back = await open(`${server.url}${decided.headers.get('location')}`);
    expect([back.status, back.location]).toEqual([303, successOf(created.id)]);
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: keys.secretKey })).body.data).toEqual([expect.objectContaining({ status: 'paid', total: 2500 })]);
  });

  test('3184 and Fail: back on the checkout, "Your bank did not confirm the payment"; another card then pays', async () => {
    const created = await session('page_3ds_fail');
    const asked = await pay(created.url, { number: '4000002760003184' });
    const bank = await open(asked.location!);
    const fail = /action="([^"]+\/fail[^"]*)"/.exec(bank.html)![1]!;
    const decided = await fetch(`${server.url}${fail}`, { method: 'POST', redirect: 'manual' });
    expect(decided.status).toBe(303);
    const again = await open(asked.location!);
    expect(again.html).toContain('Payment not confirmed');
    expect(again.html).toContain(`href="/checkout/${created.clientSecret}">Return to the checkout</a>`);
    const back = await open(`${server.url}${decided.headers.get('location')}`);
    expect(back.status).toBe(402);
    expect(back.html).toContain('role="alert" id="card-error">Your bank did not confirm the payment.');
    expectNoCard(back.html, '4000002760003184');
    const reloaded = await open(created.url);
    expect([reloaded.status, reloaded.html.includes('role="alert"')]).toEqual([200, false]);
    const paid = await pay(created.url, { number: '4242424242424242' });
    expect([paid.status, paid.location]).toEqual([303, successOf(created.id)]);
  });

  test('posted several times at once: one pays, the others say it is still processing (409) or go on to successUrl; one charge', async () => {
    const created = await session('page_twice');
    const answers = await Promise.all([1, 2, 3].map(() => pay(created.url, { number: '4242424242424242' })));
    expect(answers.some((answer) => answer.status === 303)).toBe(true);
    for (const answer of answers) {
      if (answer.status === 303) expect(answer.location).toBe(successOf(created.id));
      else expect([answer.status, answer.html.includes('Your payment is still processing')]).toEqual([409, true]);
    }
    expect((await api('GET', `/v1/invoices?customerId=${created.customerId}`, { key: keys.secretKey })).body.data).toHaveLength(1);
  });

  test('an expired checkout says so (410) and links back to cancelUrl; posting to it charges nothing', async () => {
    const created = await session('page_expired');
    clock.shiftMs = 25 * 3_600_000;
    try {
      const page = await open(created.url);
      expect(page.status).toBe(410);
      expect(page.html).toContain('This checkout has expired');
      expect(page.html).toContain(`href="${URLS.cancelUrl}"`);
      expect(page.html).not.toContain('<form');
      const posted = await pay(created.url, { number: '4242424242424242' });
      expect(posted.status).toBe(410);
      expectNoCard(posted.html, '4242424242424242');
    } finally {
      clock.shiftMs = 0;
    }
    expect((await api('GET', `/v1/checkout-sessions/${created.id}`, { key: keys.secretKey })).body.status).toBe('expired');
  });

  test('only this route takes a form body, under the same 64 KB limit', async () => {
    const created = await session('page_body');
    const json = await fetch(created.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"number":"4242424242424242"}' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('unsupported_content_type');
    const large = await fetch(created.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `number=${'4'.repeat(70_000)}` });
    expect(large.status).toBe(400);
    const elsewhere = await fetch(`${server.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${keys.secretKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'externalUserId=form',
    });
    expect(elsewhere.status).toBe(400);
  });
});

describe('GET /invoices/:token', () => {
  test("a checkout's paid invoice: number, Paid, dates, customer, lines with periods, totals; printable; unknown tokens 404", async () => {
    const customer = await api('POST', '/v1/customers', { key: keys.secretKey, body: { externalUserId: 'page_invoice', email: 'ada@example.com', name: 'Ada <Lovelace>' } });
    const created = await session('page_invoice', { externalUserId: undefined, customerId: customer.body.id });
    await pay(created.url, { number: '4242424242424242' });
    const [invoice] = (await api('GET', `/v1/invoices?customerId=${customer.body.id}`, { key: keys.secretKey })).body.data;
    const page = await open(invoice.hostedInvoiceUrl);
    expect(page.status).toBe(200);
    const issued = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(invoice.createdAt));
    const end = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(invoice.periodEnd));
    for (const text of [`Invoice ${invoice.number}`, 'badge-paid">Paid', `$25.00 paid on ${issued}`, 'Date of issue', 'Date paid', 'ada@example.com', 'Ada &lt;Lovelace&gt;', 'Pro × 1', `${issued} – ${end}`, 'Subtotal', 'Amount paid', 'Amount due', 'Test mode']) {
      expect([text, page.html.includes(text)]).toEqual([text, true]);
    }
    expect(page.html).toMatch(/Amount due<\/dt><dd>\$0\.00/);
    expect(page.html).toMatch(/Total<\/dt><dd>\$25\.00/);
    expect(page.html).toContain('@media print');
    expect(page.html).not.toMatch(/<script|\sstyle=/);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; img-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'$/);

    for (const token of ['A'.repeat(32), 'nope', `${invoice.hostedInvoiceUrl.split('/').pop()}x`]) {
      const missing = await open(`${server.url}/invoices/${token}`);
      expect([token, missing.status, missing.html.includes('Page not found')]).toEqual([token, 404, true]);
    }
  });
});

describe('what the pages are made of', () => {
  test("a merchant's text cannot open a tag: product names, the cancel URL and the rest are escaped", async () => {
    const product = await api('POST', '/v1/products', { key: keys.secretKey, body: { name: '<img src=x onerror=alert(1)> "Max"', featureKeys: ['max'], prices: [{ amount: 990, currency: 'eur', interval: 'month', intervalCount: 3 }] } });
    const created = await session('page_hostile', { priceId: product.body.prices[0].id, cancelUrl: 'https://merchant.example/back?a=1&b="2"' });
    const page = await open(created.url);
    expect(page.html).toContain('Subscribe to &lt;img src=x onerror=alert(1)&gt; &quot;Max&quot;');
    expect(page.html).not.toContain('<img');
    expect(page.html).toContain('href="https://merchant.example/back?a=1&amp;b=&quot;2&quot;">Cancel');
    expect(page.html).toContain('€9.90 <span class="price-per">every 3 months</span>');
  });

  test('amounts come from minor units in the currency\'s own digits', () => {
    expect([formatMoney(2500, 'usd'), formatMoney(0, 'usd'), formatMoney(1999, 'EUR'), formatMoney(500, 'jpy'), formatMoney(-250, 'usd')]).toEqual(['$25.00', '$0.00', '€19.99', '¥500', '-$2.50']);
  });

  test('html`` escapes what it interpolates, except another html``; the policy takes only plain http(s) origins', () => {
    expect(html`<p title="${'"><b>'}">${'<i>'}${html`<br>`}${['a', '&']}${null}${false}</p>`.value).toBe('<p title="&quot;&gt;&lt;b&gt;">&lt;i&gt;<br>a&amp;</p>');
    expect(contentSecurityPolicy(['https://shop.example:8443/done?x=1', 'javascript:alert(1)', 'not a url'])).toContain("form-action 'self' https://shop.example:8443;");
  });
});
