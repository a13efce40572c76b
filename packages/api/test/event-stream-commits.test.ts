import { Client } from 'pg';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { DEFAULT_MERCHANT_ID } from '../src/bootstrap/seed-merchant';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { recordFeedReads } from './support/feed-reads';
import type { FeedRead } from './support/feed-reads';
import { createCustomer } from './support/fixtures';
import { client } from './support/http';
import { postgresUrl } from './support/postgres-url';
import { openEventStream } from './support/sse-events';

const pgUrl = postgresUrl();
const describeWithPostgres = pgUrl ? describe : describe.skip;

describeWithPostgres('an event stream on PostgreSQL, where transactions commit in any order', () => {
  const keys = generateMerchantKeys();
  let scratch: ScratchDatabase;
  let server: ApiServer;
  let api: ReturnType<typeof client>;
  let feedReads: FeedRead[];
  const connections: Client[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
    server = await startApiServer({ port: 0, keys, databaseUrl: scratch.url, lifecycleIntervalMs: 0 });
    api = client(server.url);
    feedReads = recordFeedReads(server.database);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.end().catch(() => undefined)));
    await server?.close();
    await scratch?.drop();
  });

  /** A connection of its own, as another node (or a test-clock advance) holds one. */
  async function connection(): Promise<Client> {
    const db = new Client({ connectionString: scratch.url });
    await db.connect();
    connections.push(db);
    return db;
  }

  /** Resolves once the stream has polled `count` more times: it has had every chance to send what it could see. */
  async function polls(count: number): Promise<void> {
    const target = feedReads.length + count;
    const deadline = Date.now() + 10_000;
    while (feedReads.length < target) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${count} polls.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  test('events a transaction recorded earlier but committed later arrive once each, in recorded order, before the events recorded after them', async () => {
    const stream = await openEventStream(server.url, keys.secretKey);
    try {
      const advance = await connection();
      await advance.query('BEGIN');
      // More than one poll's batch, as a test-clock advance writes them: in one transaction.
      const late = Array.from({ length: 150 }, (_, i) => `cus_late_${String(i).padStart(3, '0')}`);
      await advance.query(
        `INSERT INTO webhook_events (id, merchant_id, mode, type, data)
         SELECT 'evt_' || customer, $1, 'test', 'customer.created', jsonb_build_object('id', customer) FROM unnest($2::text[]) AS customer`,
        [DEFAULT_MERCHANT_ID, late],
      );
      const after = await createCustomer(api, keys.secretKey, 'recorded_after_the_late_ones');
      await polls(2);
      await advance.query('COMMIT');
      // A duplicate, or anything out of order, would come before this one.
      const marker = await createCustomer(api, keys.secretKey, 'marker');

      const received: string[] = [];
      const deadline = Date.now() + 20_000;
      while (received.at(-1) !== marker.id) received.push((await stream.next(deadline)).data.id);
      expect(received).toEqual([...late, after.id, marker.id]);
    } finally {
      stream.close();
    }
  }, 60_000);

  test('a transaction rolled back sends nothing, and the events after it still arrive', async () => {
    const stream = await openEventStream(server.url, keys.secretKey);
    try {
      const abandoned = await connection();
      await abandoned.query('BEGIN');
      await abandoned.query(
        "INSERT INTO webhook_events (id, merchant_id, mode, type, data) VALUES ('evt_rolled_back', $1, 'test', 'customer.created', '{\"id\": \"cus_rolled_back\"}')",
        [DEFAULT_MERCHANT_ID],
      );
      const during = await createCustomer(api, keys.secretKey, 'during_the_rollback');
      await polls(2);
      await abandoned.query('ROLLBACK');
      const marker = await createCustomer(api, keys.secretKey, 'after_the_rollback');

      const received: string[] = [];
      const deadline = Date.now() + 20_000;
      while (received.at(-1) !== marker.id) received.push((await stream.next(deadline)).data.id);
      expect(received).toEqual([during.id, marker.id]);
    } finally {
      stream.close();
    }
  }, 60_000);
});
