import { BillingOS, CryptoProvider, SubtleCryptoProvider, WebhookVerificationError, Webhooks, registerProvider } from '@billingos/node';
import type { BillingOSEvent } from '@billingos/node';
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const rawKey = randomBytes(32);
const secret = `whsec_${rawKey.toString('base64')}`;
const webhooks = new Webhooks({ secret });
const edgeWebhooks = new Webhooks({ secret, cryptoProvider: new SubtleCryptoProvider() });
const event = { id: 'evt_1', type: 'customer.created', createdAt: '2026-01-01T00:00:00.000Z', data: { id: 'cus_1', externalUserId: 'u_1' } };
const payload = JSON.stringify(event);
const now = () => Math.floor(Date.now() / 1000);

/** The vector, computed here with node:crypto, independently of the SDK. */
function billingosSignature(body: string, t: number, key: Buffer = rawKey): string {
  return `t=${t},v1=${createHmac('sha256', key).update(`${t}.${body}`).digest('hex')}`;
}

function standardHeaders(body: string, t: number, id = 'msg_1', key: Buffer = rawKey): Record<string, string> {
  const signature = createHmac('sha256', key).update(`${id}.${t}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': `v1,${signature}` };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as WebhookVerificationError).code;
  }
  throw new Error('expected a WebhookVerificationError');
}

type Construct = (body: unknown, headers: unknown, options?: { tolerance?: number }) => Promise<BillingOSEvent>;
const constructors: Array<[string, Construct]> = [
  ['sync (node:crypto)', async (body, headers, options) => webhooks.constructEvent(body as never, headers as never, options)],
  ['async (node:crypto)', (body, headers, options) => webhooks.constructEventAsync(body as never, headers as never, options)],
  ['async (Web Crypto, the Edge path)', (body, headers, options) => edgeWebhooks.constructEventAsync(body as never, headers as never, options)],
];

describe.each(constructors)('%s', (_name, construct) => {
  test('a billingos-signature string, a Buffer body, a Headers object and a Node headers object all verify', async () => {
    const t = now();
    const signature = billingosSignature(payload, t);
    await expect(construct(payload, signature)).resolves.toEqual(event);
    await expect(construct(Buffer.from(payload), signature)).resolves.toEqual(event);
    await expect(construct(payload, new Headers({ 'BillingOS-Signature': signature }))).resolves.toEqual(event);
    await expect(construct(payload, { 'billingos-signature': signature, host: 'x' })).resolves.toEqual(event);
  });

  test('the Standard Webhooks trio verifies (Headers and plain object)', async () => {
    const headers = standardHeaders(payload, now());
    await expect(construct(payload, headers)).resolves.toEqual(event);
    await expect(construct(payload, new Headers(headers))).resolves.toEqual(event);
  });

  test('during rotation any of several v1 signatures may match', async () => {
    const t = now();
    const old = billingosSignature(payload, t, randomBytes(32)).split(',')[1];
    await expect(construct(payload, `t=${t},${old},${billingosSignature(payload, t).split(',')[1]}`)).resolves.toEqual(event);
    const standard = standardHeaders(payload, t);
    const rotated = { ...standard, 'webhook-signature': `v1,${randomBytes(32).toString('base64')} ${standard['webhook-signature']}` };
    await expect(construct(payload, rotated)).resolves.toEqual(event);
  });

  test.each([
    ['a tampered body', (t: number) => [payload.replace('u_1', 'u_2'), billingosSignature(payload, t)], 'signature_mismatch'],
    ['another secret', (t: number) => [payload, billingosSignature(payload, t, randomBytes(32))], 'signature_mismatch'],
    ['a timestamp 301 s old', (t: number) => [payload, billingosSignature(payload, t - 301)], 'timestamp_outside_tolerance'],
    ['a timestamp 301 s ahead', (t: number) => [payload, billingosSignature(payload, t + 301)], 'timestamp_outside_tolerance'],
    ['a header without v1', (t: number) => [payload, `t=${t}`], 'malformed_signature_header'],
    ['a header without t', () => [payload, 'v1=abcd'], 'malformed_signature_header'],
    ['garbage', () => [payload, 'garbage'], 'malformed_signature_header'],
    ['no signature headers', () => [payload, { 'content-type': 'application/json' }], 'missing_signature_header'],
    ['a parsed body', (t: number) => [event, billingosSignature(payload, t)], 'parsed_body'],
  ])('%s → WebhookVerificationError', async (_case, input, code) => {
    const [body, headers] = input(now());
    const error = await Promise.resolve()
      .then(() => construct(body, headers))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toMatchObject({ code });
  });

  test('timestamps 299 s away either way verify; the tolerance is configurable', async () => {
    await expect(construct(payload, billingosSignature(payload, now() - 299))).resolves.toEqual(event);
    await expect(construct(payload, billingosSignature(payload, now() + 299))).resolves.toEqual(event);
    const error = await Promise.resolve()
      .then(() => construct(payload, billingosSignature(payload, now() - 60), { tolerance: 30 }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timestamp_outside_tolerance' });
  });
});

test('the parsed-body error explains how to get the raw body in Express and Next.js', () => {
  expect(() => webhooks.constructEvent(event as never, billingosSignature(payload, now()))).toThrow(
    /express\.raw\(\{ type: 'application\/json' \}\)[\s\S]*await request\.text\(\)/,
  );
});

test('generated headers verify with the standardwebhooks package and with node:crypto', () => {
  const timestamp = now();
  const headers = webhooks.generateTestHeaders({ payload, timestamp, id: 'msg_generated' });
  expect(new Webhook(secret).verify(payload, headers)).toEqual(event);
  expect(headers['billingos-signature']).toBe(billingosSignature(payload, timestamp));
  expect(webhooks.generateTestHeader({ payload, timestamp })).toBe(billingosSignature(payload, timestamp));
});

test('headers signed by the standardwebhooks package verify with constructEvent', () => {
  const sender = new Webhook(secret);
  const timestamp = new Date();
  const signature = sender.sign('msg_std', timestamp, payload);
  const headers = { 'webhook-id': 'msg_std', 'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)), 'webhook-signature': signature };
  expect(webhooks.constructEvent(payload, headers)).toEqual(event);
});

test('billing.verifyWebhook returns a boolean and throws only for mistakes in the caller', () => {
  const billing = new BillingOS({ secretKey: 'sk_test_0123456789abcdef', webhookSecret: secret });
  expect(billing.verifyWebhook(payload, billingosSignature(payload, now()))).toBe(true);
  expect(billing.verifyWebhook(payload, billingosSignature(payload, now() - 3600))).toBe(false);
  expect(billing.verifyWebhook(`${payload} `, billingosSignature(payload, now()))).toBe(false);
  expect(billing.verifyWebhook(payload, 'nonsense')).toBe(false);
  expect(() => billing.verifyWebhook(event as never, 'nonsense')).toThrow(WebhookVerificationError);
  const withoutSecret = new BillingOS({ secretKey: 'sk_test_0123456789abcdef' });
  expect(() => withoutSecret.verifyWebhook(payload, 'x')).toThrow(/BILLINGOS_WEBHOOK_SECRET/);
});

test('a malformed secret is a configuration error', () => {
  expect(() => new Webhooks({ secret: 'not-a-secret' }).constructEvent(payload, 't=1,v1=00')).toThrow(/whsec_/);
});

test('a signed body that is not JSON → invalid_payload', () => {
  expect(codeOf(() => webhooks.constructEvent('not json', billingosSignature('not json', now())))).toBe('invalid_payload');
});

test('the Web Crypto provider refuses sync use and names the async call', async () => {
  const edge = new Webhooks({ secret, cryptoProvider: new SubtleCryptoProvider() });
  expect(() => edge.constructEvent(payload, billingosSignature(payload, now()))).toThrow(/constructEventAsync/);
  await expect(edge.constructEventAsync(payload, billingosSignature(payload, now()))).resolves.toEqual(event);
});

test('a plugin can swap the CryptoProvider of billing.webhooks', () => {
  const billing = new BillingOS({ secretKey: 'sk_test_0123456789abcdef', webhookSecret: secret });
  expect(billing.verifyWebhook(payload, billingosSignature(payload, now()))).toBe(true);
  billing.use({ register: (container) => registerProvider(container, CryptoProvider, new SubtleCryptoProvider()) });
  expect(() => billing.verifyWebhook(payload, billingosSignature(payload, now()))).toThrow(/constructEventAsync/);
});

test('a missing signature (undefined or null, as req.headers[…] gives when the header is absent) is a WebhookVerificationError, and verifyWebhook answers false', () => {
  const billing = new BillingOS({ secretKey: 'sk_test_0123456789abcdef', webhookSecret: secret });
  expect(billing.verifyWebhook(payload, undefined as never)).toBe(false);
  expect(billing.verifyWebhook(payload, null as never)).toBe(false);
  expect(codeOf(() => webhooks.constructEvent(payload, undefined as never))).toBe('missing_signature_header');
  expect(codeOf(() => webhooks.constructEvent(payload, null as never))).toBe('missing_signature_header');
});
