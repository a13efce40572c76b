import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, InvalidRequestError, NotFoundError } from '@billingos/node';
import type { BillingOSEventOfType } from '@billingos/node';
import { startRecordingReceiver } from '../utils/recording-receiver';
import type { RecordingReceiver } from '../utils/recording-receiver';

let server: TestServer;
let receiver: RecordingReceiver;
let billing: BillingOS;

beforeAll(async () => {
  receiver = await startRecordingReceiver();
  server = await startTestServer({ webhookEndpoint: receiver.url });
  billing = new BillingOS({ secretKey: server.secretKey, apiUrl: server.url, webhookSecret: server.webhookSecret });
});
afterAll(async () => {
  await server.close();
  await receiver.close();
});

/** The delivery of `type` about method `id`, verified with the webhook secret as a merchant would. */
async function verifiedEvent<T extends 'payment_method.attached' | 'payment_method.detached'>(type: T, id: string): Promise<BillingOSEventOfType<T>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = receiver.deliveries.map(({ raw, headers }) => billing.webhooks.constructEvent(raw, headers)).find((event) => event.type === type && event.data.id === id);
    if (found) return found as BillingOSEventOfType<T>;
    if (Date.now() > deadline) throw new Error(`no ${type} for ${id} within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('paymentMethods: attach a test alias, choose the default, remove one; the typed events arrive verified', async () => {
  const customer = await billing.customers.create({ externalUserId: 'node_pm' });
  const visa = await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa' });
  expect(visa).toMatchObject({ object: 'payment_method', isDefault: true, card: { brand: 'visa', last4: '4242' } });
  const declining = await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_chargeDeclined', setDefault: true });
  expect((await billing.paymentMethods.list(customer.id)).data.map((method) => [method.card.last4, method.isDefault])).toEqual([
    ['0341', true],
    ['4242', false],
  ]);
  expect((await billing.paymentMethods.setDefault(visa.id)).isDefault).toBe(true);
  expect(await billing.paymentMethods.del(declining.id)).toEqual({ id: declining.id, object: 'payment_method', deleted: true });

  const detached = await verifiedEvent('payment_method.detached', declining.id);
  expect(detached.data).toMatchObject({ id: declining.id, customerId: customer.id, card: { last4: '0341' } });
  expect((await verifiedEvent('payment_method.attached', visa.id)).data.isDefault).toBe(true);
});

test('typed errors say what to fix', async () => {
  await expect(billing.paymentMethods.list('')).rejects.toBeInstanceOf(InvalidRequestError);
  await expect(billing.paymentMethods.attach('cus_missing', { paymentMethodId: 'pm_card_visa' })).rejects.toBeInstanceOf(NotFoundError);
});
