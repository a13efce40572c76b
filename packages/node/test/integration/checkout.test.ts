import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { BillingOS, InvalidRequestError, PaymentError } from '@billingos/node';
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

async function verified<T extends 'invoice.paid' | 'checkout.session.completed'>(type: T, matches: (event: BillingOSEventOfType<T>) => boolean): Promise<BillingOSEventOfType<T>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = receiver.deliveries
      .map(({ raw, headers }) => billing.webhooks.constructEvent(raw, headers))
      .find((event): event is BillingOSEventOfType<T> => event.type === type && matches(event as BillingOSEventOfType<T>));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${type} within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('checkoutSessions.create, confirm with a test alias, then invoices.list shows the paid first invoice; the typed events arrive', async () => {
  const product = await billing.products.create({ name: 'Node checkout', prices: [{ amount: 1200, currency: 'eur', interval: 'month' }] });
  const session = await billing.checkoutSessions.create({
    externalUserId: 'node_checkout',
    mode: 'subscription',
    priceId: product.prices[0]!.id,
    successUrl: 'https://merchant.example/done',
    cancelUrl: 'https://merchant.example/pricing',
  });
  expect(session).toMatchObject({ status: 'open', amountDue: 1200, currency: 'eur', url: expect.stringContaining('/checkout/') });
  const done = await billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId: 'pm_card_visa' });
  expect(done.status).toBe('complete');
  expect((await billing.checkoutSessions.retrieve(session.id)).status).toBe('complete');

  const invoices = await billing.invoices.list({ customerId: session.customerId }).toArray();
  expect(invoices.map((invoice) => [invoice.status, invoice.total, invoice.currency])).toEqual([['paid', 1200, 'eur']]);
  expect((await billing.invoices.retrieve(invoices[0]!.id)).number).toBe(invoices[0]!.number);

  const paid = await verified('invoice.paid', (event) => event.data.customerId === session.customerId);
  expect(paid.data.amountPaid).toBe(1200);
  expect((await verified('checkout.session.completed', (event) => event.data.id === session.id)).data.subscriptionId).toBe(done.status === 'complete' ? done.subscriptionId : null);
});

test('setup mode saves a card that will decline later charges (nothing is charged today); a bad id is refused before any request', async () => {
  const session = await billing.checkoutSessions.create({ externalUserId: 'node_declined', mode: 'setup', successUrl: 'https://merchant.example/done', cancelUrl: 'https://merchant.example/x' });
  expect((await billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId: 'pm_card_chargeDeclined' })).status).toBe('complete');
  await expect(billing.checkoutSessions.retrieve('')).rejects.toBeInstanceOf(InvalidRequestError);
});

test('invoices.pay: a renewal whose charge failed is paid with a new default card; a refused charge rejects with a PaymentError', async () => {
  const clock = await billing.testClocks.create({ frozenTime: new Date('2027-03-01T00:00:00Z') });
  const customer = await billing.customers.create({ externalUserId: 'node_pay', testClockId: clock.id });
  const product = await billing.products.create({ name: 'Node pay', prices: [{ amount: 500, currency: 'usd', interval: 'month', trialDays: 3 }] });
  const session = await billing.checkoutSessions.create({ customerId: customer.id, mode: 'subscription', priceId: product.prices[0]!.id, successUrl: 'https://merchant.example/done', cancelUrl: 'https://merchant.example/x' });
  await billing.checkoutSessions.confirm(session.id, { clientSecret: session.clientSecret, paymentMethodId: 'pm_card_chargeDeclined' });
  await billing.testClocks.advance(clock.id, { frozenTime: new Date('2027-03-05T00:00:00Z') });
  const open = (await billing.invoices.list({ customerId: customer.id, status: 'open' }).toArray())[0]!;
  expect(open.lastPaymentError).toMatchObject({ code: 'card_declined' });

  const refused = await billing.invoices.pay(open.id).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(PaymentError);
  expect(refused).toMatchObject({ code: 'card_declined', statusCode: 402 });
  await billing.paymentMethods.attach(customer.id, { paymentMethodId: 'pm_card_visa', setDefault: true });
  expect(await billing.invoices.pay(open.id)).toMatchObject({ id: open.id, status: 'paid', amountPaid: 500 });
});
