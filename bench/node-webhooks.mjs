// Webhook verifications per second on one payload: @billingos/node (built) vs stripe vs standardwebhooks.
import { SubtleCryptoProvider, Webhooks } from '@billingos/node';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const payload = JSON.stringify({
  id: 'evt_0123456789',
  type: 'subscription.updated',
  createdAt: new Date().toISOString(),
  data: {
    id: 'sub_0123456789',
    object: 'subscription',
    customerId: 'cus_0123456789',
    productId: 'prod_0123456789',
    price: { id: 'price_1', object: 'price', amount: 2000, currency: 'usd', interval: 'month', intervalCount: 1, trialDays: 0 },
    status: 'active',
    metadata: { seats: '5', plan: 'pro', note: 'x'.repeat(400) },
  },
});

const billingos = new Webhooks({ secret });
const edge = new Webhooks({ secret, cryptoProvider: new SubtleCryptoProvider() });
const headers = billingos.generateTestHeaders({ payload });
const signature = headers['billingos-signature'];
const standard = new Webhook(secret);
const standardHeaders = { 'webhook-id': headers['webhook-id'], 'webhook-timestamp': headers['webhook-timestamp'], 'webhook-signature': headers['webhook-signature'] };
const stripe = new Stripe('sk_test_bench');
const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload, secret });

/** Verifications per second of `fn` (which verifies `perCall` events) over ~`ms` milliseconds. */
async function measure([, fn, perCall = 1], ms = 300) {
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 200; i += 1) await fn();
    count += 200 * perCall;
  }
  return (count * 1000) / (performance.now() - start);
}

const IN_FLIGHT = 64;
const cases = [
  ['@billingos/node constructEvent (billingos-signature, node:crypto)', () => billingos.constructEvent(payload, signature)],
  ['@billingos/node constructEvent (Standard Webhooks headers)', () => billingos.constructEvent(payload, standardHeaders)],
  ['@billingos/node constructEventAsync (Web Crypto, the Edge path)', () => edge.constructEventAsync(payload, signature)],
  // A webhook endpoint verifies deliveries side by side; Web Crypto's cost is the hop to its
  // worker threads, which requests in flight share.
  [`… the same, ${IN_FLIGHT} deliveries in flight`, () => Promise.all(Array.from({ length: IN_FLIGHT }, () => edge.constructEventAsync(payload, signature))), IN_FLIGHT],
  ['stripe webhooks.constructEvent', () => stripe.webhooks.constructEvent(payload, stripeHeader, secret)],
  ['standardwebhooks Webhook.verify', () => standard.verify(payload, standardHeaders)],
];

const ROUNDS = 7;
console.log(`payload ${payload.length} bytes; every case warmed up, then ${ROUNDS} interleaved rounds of 300 ms; median`);
for (const [, fn] of cases) for (let i = 0; i < 2_000; i += 1) await fn();
const samples = cases.map(() => []);
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [index, testCase] of cases.entries()) samples[index].push(await measure(testCase));
}
const medians = samples.map((values) => values.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]);
const stripeOps = medians[4];
const syncOps = medians[0];
for (const [index, [name]] of cases.entries()) {
  const ops = medians[index];
  console.log(`${name.padEnd(66)} ${Math.round(ops).toLocaleString('en-US').padStart(10)} /s   ×${(ops / stripeOps).toFixed(2)} of stripe`);
}
console.log(
  `Web Crypto ÷ node:crypto sync: one at a time ${(medians[2] / syncOps).toFixed(2)}, ${IN_FLIGHT} in flight ${(medians[3] / syncOps).toFixed(2)} (goal ≥ 0.5)`,
);
