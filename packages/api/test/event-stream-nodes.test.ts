import { startApiProcess } from '../../../test-utils/api-process';
import type { ApiProcess } from '../../../test-utils/api-process';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { createScratchDatabase } from '../src/storage/scratch-database';
import type { ScratchDatabase } from '../src/storage/scratch-database';
import { call } from './support/http';
import { postgresUrl } from './support/postgres-url';

const pgUrl = postgresUrl();
const describeWithPostgres = pgUrl ? describe : describe.skip;

describeWithPostgres('the event stream of one node shows what every node records (two API processes on one PostgreSQL)', () => {
  const keys = generateMerchantKeys();
  let scratch: ScratchDatabase;
  const nodes: ApiProcess[] = [];

  beforeAll(async () => {
    scratch = await createScratchDatabase(pgUrl!);
    const env = { DATABASE_URL: scratch.url, BILLINGOS_SECRET_KEY: keys.secretKey };
    nodes.push(await startApiProcess({ env }));
    nodes.push(await startApiProcess({ env }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL')));
    await scratch?.drop();
  });

  test('20 customers created on both nodes, concurrently, arrive once each on a stream from the first', async () => {
    const abort = new AbortController();
    const response = await fetch(`${nodes[0]!.url}/v1/events/stream`, { headers: { Authorization: `Bearer ${keys.secretKey}` }, signal: abort.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const created = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => (await call(nodes[i % 2]!.url, 'POST', '/v1/customers', { key: keys.secretKey, body: { externalUserId: `stream_${i}` } })).body.id as string),
    );
    const ids = () => [...text.matchAll(/^data: (.*)$/gm)].map((match) => JSON.parse(match[1]!).data.id as string);
    const deadline = Date.now() + 15_000;
    while (ids().length < created.length && Date.now() < deadline) text += (await reader.read()).value ?? '';
    // A second longer: a duplicate would show up now.
    const quiet = Date.now() + 1_000;
    while (Date.now() < quiet) {
      const chunk = await Promise.race([reader.read(), new Promise<undefined>((resolve) => setTimeout(resolve, quiet - Date.now()))]);
      text += chunk?.value ?? '';
    }
    abort.abort();
    expect(ids().sort()).toEqual([...created].sort());
  }, 60_000);
});
