import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { call } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { sql } from './support/sql';

const pgUrl = postgresUrl();
const keys = generateMerchantKeys();
const CARDS = ['4242424242424242', '4000000000000341', '4000000000009995', '4000000000000002', '4000000000009987', '4000000000000069', '4000002760003184'];
const URLS = { successUrl: 'https://merchant.example/done', cancelUrl: 'https://merchant.example/pricing' };

(pgUrl ? describe : describe.skip)('a card number is never stored, logged or returned', () => {
  let scratch: ScratchDatabase;
  let node: ApiProcess | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
  }, 60_000);

  afterAll(async () => {
    await node?.stop('SIGKILL');
    await scratch?.drop();
  });

  test('every test card through the API and the checkout page: no number in any answer, log line or table', async () => {
    node = await startApiProcess({ env: { DATABASE_URL: scratch.url, BILLINGOS_SECRET_KEY: keys.secretKey } });
    const api = (method: string, path: string, body?: unknown, key: string | undefined = keys.secretKey) => call(node!.url, method, path, { ...(key ? { key } : {}), ...(body ? { body } : {}) });
    const priceId = (await api('POST', '/v1/products', { name: 'Pro', prices: [{ amount: 2900, currency: 'usd', interval: 'month' }] })).body.prices[0].id;
    const answers: string[] = [];
    for (const [i, number] of CARDS.entries()) {
      const session = (await api('POST', '/v1/checkout-sessions', { externalUserId: `card_${i}`, mode: 'subscription', priceId, ...URLS })).body;
      const spaced = number.replace(/(\d{4})(?=\d)/g, '$1 ');
      const card = { number: spaced, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
      const confirmed = await api('POST', `/v1/checkout-sessions/${session.id}/confirm`, { clientSecret: session.clientSecret, card }, undefined);
      answers.push(JSON.stringify(confirmed.body));
      const again = (await api('POST', '/v1/checkout-sessions', { externalUserId: `page_${i}`, mode: 'subscription', priceId, ...URLS })).body;
      const form = new URLSearchParams({ number: spaced, expiry: `12 / ${String(card.expYear).slice(2)}`, cvc: '123' });
      const page = await fetch(`${node.url}/checkout/${again.clientSecret}`, { method: 'POST', body: form, redirect: 'manual' });
      // Test mode's page lists the test cards in its hint; anything else of the page must not hold a number.
      const withoutHint = (await page.text()).replace(/<div class="test-hint">[\s\S]*?<\/details><\/div>/, '');
      answers.push(`${page.status} ${page.headers.get('location') ?? ''} ${withoutHint}`);
      // A malformed card is refused without being echoed either.
      const bad = await api('POST', `/v1/checkout-sessions/${again.id}/confirm`, { clientSecret: again.clientSecret, card: { ...card, expMonth: 13 } }, undefined);
      answers.push(JSON.stringify(bad.body));
    }
    answers.push(JSON.stringify((await api('GET', '/v1/events?limit=100')).body), JSON.stringify((await api('GET', '/v1/invoices?limit=100')).body));
    expect(answers.filter((answer) => answer.includes('"status":"complete"') || answer.startsWith('303')).length).toBeGreaterThanOrEqual(2);

    const tables = (await sql(scratch.url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).map((row) => row.table_name as string);
    expect(tables).toEqual(expect.arrayContaining(['checkout_sessions', 'payment_methods', 'test_provider_methods', 'test_provider_payments', 'invoices', 'webhook_events', 'idempotency_keys']));
    const dump: string[] = [];
    for (const table of tables) dump.push(...(await sql(scratch.url, `SELECT t::text AS row FROM "${table}" t`)).map((row) => `${table}: ${row.row}`));
    expect(dump.some((row) => row.includes('"last4":"4242"') || /\b4242\b/.test(row))).toBe(true); // the last4 is kept, so the dump is the right one
    await node.stop();
    const log = node.output();
    for (const number of CARDS) {
      const patterns = [number, number.replace(/(\d{4})(?=\d)/g, '$1 ')];
      for (const pattern of patterns) {
        expect(answers.filter((answer) => answer.includes(pattern))).toEqual([]);
        expect(dump.filter((row) => row.includes(pattern))).toEqual([]);
        expect(log.includes(pattern)).toBe(false);
      }
    }
  }, 120_000);
});
