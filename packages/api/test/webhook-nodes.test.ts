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
import { startSilentReceiver } from './support/silent-receiver';
import type { SilentReceiver } from './support/silent-receiver';
import { sql } from './support/sql';

const pgUrl = postgresUrl();
const describeWithPostgres = pgUrl ? describe : describe.skip;

interface SlowReceiver {
  url: string;
  /** Event ids in arrival order (a duplicate appears twice). */
  arrivals: string[];
  /** The most deliveries that were ever waiting for an answer at once. */
  mostOpen: number;
  close(): Promise<void>;
}

/** A receiver that takes `delayMs` to answer each delivery. */
function slowReceiver(delayMs: number): Promise<SlowReceiver> {
  let open = 0;
  const server: Server = createServer((request, response) => {
    receiver.arrivals.push(String(request.headers['webhook-id']));
    open += 1;
    receiver.mostOpen = Math.max(receiver.mostOpen, open);
    request.resume();
    setTimeout(() => {
      open -= 1;
      response.writeHead(200).end('ok');
    }, delayMs);
  });
  const receiver: SlowReceiver = { url: '', arrivals: [], mostOpen: 0, close: () => new Promise<void>((done) => server.close(() => done())) };
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
      resolve(receiver);
    }),
  );
}

describeWithPostgres('webhook delivery shared by two API processes on one PostgreSQL', () => {
  const keys = generateMerchantKeys();
  let scratch: ScratchDatabase;
  let receiver: SlowReceiver;
  let second: SlowReceiver;
  let dead: SilentReceiver;
  const nodes: ApiProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
    receiver = await slowReceiver(600);
    second = await slowReceiver(200);
    dead = await startSilentReceiver();
    const env = { DATABASE_URL: scratch.url, BILLINGOS_SECRET_KEY: keys.secretKey, BILLINGOS_WEBHOOK_SECRET: keys.webhookSecret, BILLINGOS_WEBHOOK_URL: receiver.url };
    nodes.push(await startApiProcess({ env }));
    nodes.push(await startApiProcess({ env }));
    // Next to the BILLINGOS_WEBHOOK_URL endpoint both nodes set up at start, two made through the API: one answers, one never does.
    for (const url of [second.url, `${dead.origin}/dead`]) {
      const endpoint = await call(nodes[1]!.url, 'POST', '/v1/webhook-endpoints', { key: keys.secretKey, body: { url, enabledEvents: ['customer.created'] } });
      expect(endpoint.status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    await receiver?.close();
    await second?.close();
    await dead?.close();
    await scratch?.drop();
  });

  test('under slow and dead receivers (12 events) each event is delivered exactly once to each endpoint, in order, one at a time per endpoint across both nodes', async () => {
    const endpoints = await call(nodes[0]!.url, 'GET', '/v1/webhook-endpoints', { key: keys.secretKey });
    expect(endpoints.body.data).toHaveLength(3);
    const created: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await call(nodes[i % 2]!.url, 'POST', '/v1/customers', { key: keys.secretKey, body: { externalUserId: `hook_${i}` } });
      expect(response.status).toBe(201);
      created.push(response.body.id as string);
    }
    const events = (await sql(scratch.url, "SELECT id FROM webhook_events WHERE type = 'customer.created' ORDER BY id")).map((row) => row.id as string);
    expect(events).toHaveLength(created.length);

    // Every delivery to the two answering endpoints recorded as delivered: nothing of theirs is in flight any more.
    const healthy = [receiver.url, second.url];
    const undelivered = async () =>
      Number((await sql(scratch.url, 'SELECT count(*) FROM webhook_deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE w.url = ANY($1) AND d.delivered_at IS NULL', [healthy]))[0]!.count);
    const deadline = Date.now() + 60_000;
    while ((await undelivered()) > 0 && Date.now() < deadline) await sleep(250);
    expect(await undelivered()).toBe(0);

    for (const each of [receiver, second]) {
      expect(each.arrivals).toEqual(events);
      expect(each.mostOpen).toBe(1);
    }
    const attempts = await sql(scratch.url, 'SELECT count(*) AS attempts FROM webhook_delivery_attempts a JOIN webhook_endpoints w ON w.id = a.endpoint_id WHERE w.url = ANY($1) GROUP BY a.delivery_id', [healthy]);
    expect(attempts.map((row) => Number(row.attempts))).toEqual(Array(2 * events.length).fill(1));
    expect(dead.received('/dead')).toBeGreaterThan(0);
    expect(dead.mostOpen('/dead')).toBe(1);
  }, 120_000);
});
