import { BillingOS, InvalidRequestError, Transport } from '@billingos/node';

/** Records every request the SDK would send and answers an empty page. */
class RecordingTransport extends Transport {
  readonly urls: string[] = [];

  async send(request: Request): Promise<Response> {
    this.urls.push(request.url);
    return Response.json({ data: [], hasMore: false, nextCursor: null, id: 'x' });
  }
}

const transport = new RecordingTransport();
const billing = new BillingOS({ secretKey: 'sk_test_ids000000000000000000000', apiUrl: 'http://api.test', transport });
beforeEach(() => {
  transport.urls.length = 0;
});

const calls: Array<[string, string, (id: string) => PromiseLike<unknown>]> = [
  ['customers.retrieve', 'id', (id) => billing.customers.retrieve(id)],
  ['customers.update', 'id', (id) => billing.customers.update(id, { name: 'Ada' })],
  ['customers.del', 'id', (id) => billing.customers.del(id)],
  ['products.retrieve', 'id', (id) => billing.products.retrieve(id)],
  ['subscriptions.retrieve', 'id', (id) => billing.subscriptions.retrieve(id)],
  ['subscriptions.update', 'id', (id) => billing.subscriptions.update(id, { cancelAtPeriodEnd: true })],
  ['subscriptions.changePlan', 'id', (id) => billing.subscriptions.changePlan(id, 'price_1')],
  ['subscriptions.cancel', 'id', (id) => billing.subscriptions.cancel(id)],
  ['entitlements.list', 'customerId', (id) => billing.entitlements.list(id)],
  ['entitlements.has', 'customerId', (id) => billing.entitlements.has(id, 'exports')],
  ['testClocks.retrieve', 'id', (id) => billing.testClocks.retrieve(id)],
  ['testClocks.advance', 'id', (id) => billing.testClocks.advance(id, { frozenTime: 1_767_225_600 })],
  ['testClocks.del', 'id', (id) => billing.testClocks.del(id)],
  ['webhookEndpoints.retrieve', 'id', (id) => billing.webhookEndpoints.retrieve(id)],
  ['webhookEndpoints.update', 'id', (id) => billing.webhookEndpoints.update(id, { disabled: false })],
  ['webhookEndpoints.del', 'id', (id) => billing.webhookEndpoints.del(id)],
  ['webhookEndpoints.rotateSecret', 'id', (id) => billing.webhookEndpoints.rotateSecret(id, { expiresIn: 0 })],
  ['webhookEndpoints.deliveries', 'id', (id) => billing.webhookEndpoints.deliveries(id)],
  ['events.retrieve', 'id', (id) => billing.events.retrieve(id)],
  ['events.redeliver', 'id', (id) => billing.events.redeliver(id, { endpointId: 'we_1' })],
];

const badIds: unknown[] = ['', '.', '..', 'a/b', '../cus_1', 'cus_1/entitlements', 'cus_1?limit=1', 'cus_1#x', 'cus 1', ' cus_1', 'cus_1\n', '\t', 'a\\b', 'cus_\u0000', undefined, null, 42];

describe.each(calls)('%s', (method, param, call) => {
  test.each(badIds.map((id) => [JSON.stringify(id) ?? String(id), id]))('refuses %s before any request', async (_, id) => {
    const error = await Promise.resolve(call(id as string)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ type: 'invalid_request_error', param, statusCode: undefined });
    expect((error as Error).message).toContain(`${method}: pass a `);
    expect((error as Error).message).toContain(`as \`${param}\``);
    expect(transport.urls).toEqual([]);
  });

  test('encodes a valid id as one path segment', async () => {
    await call('cus_ü%2e+1');
    expect(transport.urls).toHaveLength(1);
    expect(new URL(transport.urls[0]!).pathname).toContain('/cus_%C3%BC%252e%2B1');
  });
});

test('a bad id rejects the returned promise: the call itself never throws', () => {
  const pending = billing.customers.retrieve('.');
  expect(pending).toBeInstanceOf(Promise);
  return expect(pending).rejects.toThrow(InvalidRequestError);
});

test('the message says what was passed and what to pass', async () => {
  await expect(billing.customers.retrieve('..')).rejects.toThrow(
    `customers.retrieve: pass a customer id such as 'cus_123' as \`id\`, got "..".`,
  );
  await expect(billing.subscriptions.cancel('')).rejects.toMatchObject({ code: 'parameter_missing', message: expect.stringContaining('got an empty string') });
  await expect(billing.entitlements.list('cus 1')).rejects.toMatchObject({ code: 'parameter_invalid', param: 'customerId' });
});

test('customers.list sends externalOrganizationId as a query parameter', async () => {
  await billing.customers.list({ externalOrganizationId: 'org_42', limit: 5 });
  const url = new URL(transport.urls[0]!);
  expect(url.pathname).toBe('/v1/customers');
  expect(Object.fromEntries(url.searchParams)).toEqual({ externalOrganizationId: 'org_42', limit: '5' });
});

test('events.redeliver checks endpointId (sent in the body) before any request', async () => {
  for (const endpointId of ['', '..', 'we_1/x', undefined]) {
    await expect(billing.events.redeliver('evt_1', { endpointId: endpointId as string })).rejects.toMatchObject({ name: 'InvalidRequestError', param: 'endpointId' });
  }
  expect(transport.urls).toEqual([]);
});
