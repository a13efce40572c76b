import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { call } from './support/http';
import { postgresUrl } from './support/postgres-url';

const pgUrl = postgresUrl();
const describeWithPostgres = pgUrl ? describe : describe.skip;

/** A receiver that takes `delayMs` to answer each delivery and counts them per event id. */
function slowReceiver(delayMs: number): Promise<{ url: string; deliveries: Map<string, number>; close(): Promise<void> }> {
  const deliveries = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const id = String(request.headers['webhook-id']);
    deliveries.set(id, (deliveries.get(id) ?? 0) + 1);
    request.resume();
    setTimeout(() => response.writeHead(200).end('ok'), delayMs);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
        deliveries,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

describeWithPostgres('webhook delivery shared by two API processes on one PostgreSQL', () => {
  const keys = generateMerchantKeys();
  let scratch: ScratchDatabase;
  let receiver: Awaited<ReturnType<typeof slowReceiver>>;
  let second: Awaited<ReturnType<typeof slowReceiver>>;
  const nodes: ApiProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
    receiver = await slowReceiver(3_000);
    second = await slowReceiver(1_000);
    const env = { DATABASE_URL: scratch.url, BILLINGOS_SECRET_KEY: keys.secretKey, BILLINGOS_WEBHOOK_SECRET: keys.webhookSecret, BILLINGOS_WEBHOOK_URL: receiver.url };
    nodes.push(await startApiProcess({ env }));
    nodes.push(await startApiProcess({ env }));
    // Next to the BILLINGOS_WEBHOOK_URL endpoint both nodes set up at start, one made through the API.
    const endpoint = await call(nodes[1]!.url, 'POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url: second.url, enabledEvents: ['customer.created'] } });
    expect(endpoint.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    await receiver?.close();
    await second?.close();
    await scratch?.drop();
  });

  test('under slow receivers (3 s and 1 s per delivery, 12 events) each event is delivered exactly once to each endpoint', async () => {
    const endpoints = await call(nodes[0]!.url, 'GET', '/v1/webhook-endpoints', { key: keys.secretKey });
    expect(endpoints.body.data).toHaveLength(2);
    const created = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await call(nodes[i % 2]!.url, 'POST', '/v1/customers', { key: keys.secretKey, body: { externalUserId: `hook_${i}` } });
      expect(response.status).toBe(201);
      created.push(response.body.id as string);
    }
    const deadline = Date.now() + 60_000;
    while ((receiver.deliveries.size < created.length || second.deliveries.size < created.length) && Date.now() < deadline) await sleep(250);
    await sleep(3_500);
    for (const each of [receiver, second]) {
      expect(each.deliveries.size).toBe(created.length);
      expect([...each.deliveries.values()]).toEqual(Array(created.length).fill(1));
    }
  }, 120_000);
});
