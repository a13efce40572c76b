import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { ManualClock } from '../src/time/clock';
import { client } from './support/http';

// The worker expires a checkout nobody reads again, so checkout.session.expired comes on its own.
const keys = generateMerchantKeys();
const clock = new ManualClock('2027-06-01T12:00:00Z');
let server: ApiServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startApiServer({ port: 0, keys, clock, lifecycleIntervalMs: 20 });
  api = client(server.url);
});
afterAll(() => server.close());

async function expiredEvents(): Promise<Array<{ data: { id: string; status: string } }>> {
  return (await api('GET', '/v1/events?type=checkout.session.expired', { key: keys.secretKey })).body.data;
}

test('an open checkout past its 24 hours is expired by the worker, once, with checkout.session.expired; a younger one stays open', async () => {
  const product = await api('POST', '/v1/products', { key: keys.secretKey, body: { name: 'Pro', prices: [{ amount: 1500, currency: 'usd', interval: 'month' }] } });
  const open = (externalUserId: string) =>
    api('POST', '/v1/checkout-sessions', {
      key: keys.secretKey,
      body: { externalUserId, mode: 'subscription', priceId: product.body.prices[0].id, successUrl: 'https://shop.example/ok', cancelUrl: 'https://shop.example/back' },
    });
  const old = (await open('expiry_old')).body;
  clock.set('2027-06-02T00:00:00Z');
  const young = (await open('expiry_young')).body;
  clock.set('2027-06-02T12:00:01Z'); // the first one's 24 hours are over, the second's are not

  const deadline = Date.now() + 10_000;
  let events = await expiredEvents();
  while (events.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    events = await expiredEvents();
  }
  expect(events.map((event) => [event.data.id, event.data.status])).toEqual([[old.id, 'expired']]);
  // Reading it afterwards sends nothing more; the younger one is still open.
  expect((await api('GET', `/v1/checkout-sessions/${old.id}`, { key: keys.secretKey })).body.status).toBe('expired');
  expect((await api('GET', `/v1/checkout-sessions/${young.id}`, { key: keys.secretKey })).body.status).toBe('open');
  expect(await expiredEvents()).toHaveLength(1);
});
