import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { assertBuilt, killStragglers, scratchHome, spawnCli } from './support/cli-process';
import type { Spawned } from './support/cli-process';
import { startVerifyingReceiver } from './support/verifying-receiver';
import type { VerifyingReceiver } from './support/verifying-receiver';

// The built bin against a real API and a receiver that verifies what it forwards.
let server: TestServer;
let receiver: VerifyingReceiver;
const home = scratchHome();

beforeAll(async () => {
  assertBuilt();
  server = await startTestServer();
  receiver = await startVerifyingReceiver();
});
afterAll(async () => {
  await killStragglers();
  await receiver.close();
  await server.close();
});

function billingos(args: string[], env: Record<string, string> = { BILLINGOS_SECRET_KEY: server.secretKey, BILLINGOS_API_URL: server.url }): Spawned {
  return spawnCli(args, { ...home, ...env });
}

describe('billingos listen', () => {
  let listener: Spawned;

  beforeAll(async () => {
    listener = billingos(['listen', '--forward-to', `${receiver.origin}/webhooks`]);
    receiver.secret = (await listener.waitForOutput(/signing secret is (whsec_\S+)/))[1]!;
  });
  afterAll(async () => {
    listener.child.kill('SIGINT');
    expect(await listener.exited).toBe(0);
  });

  test('forwards an event created through the API, signed with the printed secret, and prints a line for it', async () => {
    const response = await fetch(`${server.url}/v1/customers`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ externalUserId: 'listen_user' }),
    });
    const customer = await response.json();
    const event = await receiver.waitFor((each) => each.type === 'customer.created' && each.data.id === customer.id);
    expect(event).toMatchObject({ billingos: true, standard: true, webhookId: event.id });
    await listener.waitForOutput(new RegExp(`\\d\\d:\\d\\d:\\d\\d  customer\\.created\\s+${event.id}  → \\[204\\] \\d+ ms\\n`));
  });

  test('trigger subscription.renewed produces one, which listen forwards', async () => {
    const triggered = billingos(['trigger', 'subscription.renewed']);
    expect(await triggered.exited).toBe(0);
    expect(triggered.stdout()).toMatch(/test clock\s+clock_/);
    const subscriptionId = /subscription\s+(sub_\S+)/.exec(triggered.stdout())![1];
    const event = await receiver.waitFor((each) => each.type === 'subscription.renewed' && each.data.id === subscriptionId);
    expect(event).toMatchObject({ billingos: true, standard: true });
    await listener.waitForOutput(new RegExp(`subscription\\.renewed\\s+${event.id}  → \\[204\\]`));
  }, 30_000);

  test.each(['customer.created', 'subscription.created', 'subscription.updated', 'subscription.canceled', 'subscription.trial_will_end', 'payment_method.detached', 'invoice.paid', 'checkout.session.completed', 'invoice.payment_failed', 'invoice.payment_action_required', 'invoice.voided'])('trigger %s produces one', async (type) => {
    const before = receiver.received.length;
    const triggered = billingos(['trigger', type]);
    expect(await triggered.exited).toBe(0);
    expect(triggered.stderr()).toBe('');
    await receiver.waitFor((each) => receiver.received.indexOf(each) >= before && each.type === type);
  }, 30_000);
});

test('clocks advance moves a test clock', async () => {
  const response = await fetch(`${server.url}/v1/test-clocks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ frozenTime: '2026-01-01T00:00:00Z' }),
  });
  const clock = await response.json();
  const advanced = billingos(['clocks', 'advance', clock.id, '2026-03-01T00:00:00Z']);
  expect(await advanced.exited).toBe(0);
  expect(advanced.stdout()).toBe(`${clock.id} is at 2026-03-01T00:00:00.000Z (ready)\n`);
  const backwards = billingos(['clocks', 'advance', clock.id, '1767225600']);
  expect(await backwards.exited).toBe(1);
  expect(backwards.stderr()).toMatch(/only moves forward/);
});

test('clear errors: a live key on listen, an unknown event type, --help per command', async () => {
  const live = billingos(['listen', '--forward-to', `${receiver.origin}/webhooks`], { BILLINGOS_SECRET_KEY: server.liveSecretKey, BILLINGOS_API_URL: server.url });
  expect(await live.exited).toBe(1);
  expect(live.stderr()).toMatch(/^billingos listen works in test mode only: use your sk_test_ key\./);

  // An event the API sends that trigger has no scenario for (a session expires only after 24 hours).
  const unknown = billingos(['trigger', 'checkout.session.expired']);
  expect(await unknown.exited).toBe(2);
  expect(unknown.stderr()).toMatch(/Unknown event type "checkout\.session\.expired"\. Known: customer\.created/);

  for (const command of ['listen', 'trigger', 'clocks']) {
    const help = billingos([command, '--help'], {});
    expect(await help.exited).toBe(0);
    expect(help.stdout()).toMatch(new RegExp(`^Usage: billingos ${command}`));
    expect(help.stdout()).toMatch(/BILLINGOS_SECRET_KEY/);
  }
});
