import { startTestServer, type TestServer } from '@billingos/api/testing';
import { z } from 'zod';

// zod keeps one registry of named schemas per process: a host (here, a test suite next to the
// API's test server) may name its own schemas, even with the API's names, after the API loaded.
const hostCustomer = z.object({ nickname: z.string() }).meta({ id: 'Customer' });
z.object({ anything: z.boolean() }).meta({ id: 'HostOnlyThing' });

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

test("a host's schemas named after the API's neither replace nor join the API's document", async () => {
  expect(hostCustomer.parse({ nickname: 'x' })).toEqual({ nickname: 'x' });
  const document = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as { components: { schemas: Record<string, { properties?: object }> } };
  expect(Object.keys(document.components.schemas)).not.toContain('HostOnlyThing');
  expect(document.components.schemas.Customer?.properties).toHaveProperty('externalUserId');
  expect(document.components.schemas.Customer?.properties).not.toHaveProperty('nickname');

  // and the test server's contract check still accepts the API's real customers
  const created = await fetch(`${server.url}/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ externalUserId: 'user_isolation' }),
  });
  expect(created.status).toBe(201);
});
