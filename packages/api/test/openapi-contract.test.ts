import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { INestApplication } from '@nestjs/common';
import { startApiServer } from '../src/server';
import type { ApiServer } from '../src/server';
import { generateMerchantKeys } from '../src/bootstrap/merchant-keys';
import { ResponseContract, checkResponses } from '../src/openapi/contract-check';
import type { OpenApiDocument } from '../src/openapi/build-openapi-document';
import { OpenApiDocumentProvider } from '../src/openapi/openapi-document.provider';
import { renderDocsPage } from '../src/openapi/docs-page';
import { client } from './support/http';

const keys = generateMerchantKeys();
let server: ApiServer;
let app: INestApplication;
let document: OpenApiDocument;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startApiServer({
    port: 0,
    keys,
    lifecycleIntervalMs: 0,
    configureApp: (nest) => {
      app = nest;
      // A route the document does not know, answering what no schema allows: the check must catch it.
      nest.use(checkResponses(() => new ResponseContract(nest.get(OpenApiDocumentProvider).document)));
      const express = nest.getHttpAdapter().getInstance() as { get(path: string, handler: (request: unknown, response: { json(body: unknown): void }) => void): void };
      express.get('/v1/customers-broken', (_request, response) => response.json({ id: 42 }));
    },
  });
  api = client(server.url);
  const answer = await fetch(`${server.url}/v1/openapi.json`);
  expect(answer.status).toBe(200);
  document = (await answer.json()) as OpenApiDocument;
});
afterAll(() => server.close());

/** Every route Express will dispatch to, read from its router (independent of `@ApiOperation`). */
function expressRoutes(): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
  return express.router.stack.flatMap(({ route }) =>
    route ? Object.keys(route.methods).filter((method) => method !== '_all').map((method) => `${method} ${route.path.replace(/:(\w+)/g, '{$1}')}`) : [],
  );
}

function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`));
}

describe('GET /v1/openapi.json', () => {
  test('is public, OpenAPI 3.1, readable from any origin', async () => {
    const answer = await fetch(`${server.url}/v1/openapi.json`, { headers: { Origin: 'https://docs.example' } });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.securitySchemes)).toEqual(expect.arrayContaining(['secretKey', 'publishableKey', 'sessionToken']));
  });

  test('names its server: a relative URL that resolves to the instance that served the document', async () => {
    expect(document.servers.map(({ url }) => url)).toEqual(['/']);
    const base = new URL(document.servers[0]!.url, `${server.url}/v1/openapi.json`);
    expect((await fetch(new URL('health', base))).status).toBe(200);
  });

  test('documents every route the app registered, with the same method, and nothing else', () => {
    const registered = expressRoutes().filter((route) => route !== 'get /v1/customers-broken');
    expect(registered.length).toBeGreaterThan(40);
    expect(new Set(documentedRoutes())).toEqual(new Set(registered));
  });

  test('every operation declares its success response, the error envelope and its security', () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const responses = operation.responses as Record<string, { content?: Record<string, unknown> }>;
        const success = Object.keys(responses).filter((status) => /^2\d\d$/.test(status));
        expect([`${method} ${path}`, success.length]).toEqual([`${method} ${path}`, 1]);
        expect(responses['4XX']).toEqual({ $ref: '#/components/responses/Error' });
        expect(responses[success[0]!]!.content).toBeDefined();
        expect(Array.isArray(operation.security)).toBe(true);
        // Only the health check, the document itself and HTML pages (whose unguessable path is their permission) need no credential.
        const page = 'text/html' in (responses[success[0]!]!.content ?? {});
        if (path !== '/health' && path !== '/v1/openapi.json' && !page) expect([`${method} ${path}`, operation.security]).not.toEqual([`${method} ${path}`, []]);
      }
    }
    expect(document.paths['/v1/events/stream']!.get!.responses).toMatchObject({ '200': { content: { 'text/event-stream': expect.any(Object) } } });
    expect(document.paths['/v1/me']!.get!.security).toEqual([{ sessionToken: [] }, { publishableKey: [], customerHeader: [] }]);
  });

  test('every schema compiles as JSON Schema 2020-12 and every $ref resolves', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false, strictRequired: false });
    addFormats(ajv);
    for (const [id, schema] of Object.entries(document.components.schemas)) ajv.addSchema(structuredClone(schema), `#/components/schemas/${id}`);
    for (const id of Object.keys(document.components.schemas)) expect(() => ajv.getSchema(`#/components/schemas/${id}`)).not.toThrow();
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const pointer = JSON.parse(`{${ref}}`).$ref as string;
      const target = pointer.slice(2).split('/').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
      expect([pointer, target !== undefined]).toEqual([pointer, true]);
    }
  });
});

describe('GET /docs', () => {
  test('is one page rendered on the server from the document: no script, nothing from elsewhere, no framing', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).not.toMatch(/<script|\son[a-z]+=|\sstyle=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map(([, href]) => href!);
    expect(styles).toEqual(['/docs/docs.css']);
    const css = await fetch(`${server.url}/docs/docs.css`);
    expect([css.status, css.headers.get('content-type'), css.headers.get('content-security-policy')]).toEqual([200, expect.stringMatching(/^text\/css/), csp]);
    expect((await fetch(`${server.url}/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/docs`, { method: 'HEAD' })).status).toBe(200);
  });

  test('shows every operation, linked from the navigation, and every in-page link lands somewhere', async () => {
    const html = await (await fetch(`${server.url}/docs`)).text();
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map(([, id]) => id!));
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of Object.values(item)) {
        const id = `op-${String(operation.operationId).replace(/[^A-Za-z0-9]+/g, '-')}`;
        expect([path, ids.has(id), html.includes(`href="#${id}"`)]).toEqual([path, true, true]);
      }
    }
    for (const name of Object.keys(document.components.schemas)) expect([name, ids.has(`schema-${name}`)]).toEqual([name, true]);
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect([target, ids.has(target!)]).toEqual([target, true]);
  });

  test("escapes the document's text", () => {
    const hostile = structuredClone(document);
    hostile.paths['/health']!.get!.summary = '<img src=x onerror=alert(1)> and `code`';
    const html = renderDocsPage(hostile);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; and <code>code</code>');
    expect(html).not.toContain('<img');
  });
});

describe('responses are checked against the document', () => {
  test('HEAD of a GET route is held to the GET contract (Express answers it with the GET handler)', async () => {
    expect((await fetch(`${server.url}/health`, { method: 'HEAD' })).status).toBe(200);
  });

  test('a response its schema refuses becomes a 500 contract_violation naming what broke', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await fetch(`${server.url}/v1/customers-broken`);
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ error: { type: 'api_error', code: 'contract_violation', message: expect.stringContaining('does not declare') } });
    errors.mockRestore();
  });

  test('a declared status with a wrong body is a violation, a right one passes', () => {
    const contract = new ResponseContract(document);
    const customer = { id: 'cus_1', object: 'customer', externalUserId: 'u', externalOrganizationId: null, email: null, name: null, metadata: {}, testClockId: null, livemode: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
    expect(contract.violation('GET', '/v1/customers/:id', 200, customer)).toBeNull();
    expect(contract.violation('GET', '/v1/customers/:id', 200, { ...customer, email: 42 })).toMatch(/email/);
    expect(contract.violation('GET', '/v1/customers/:id', 200, { ...customer, extra: true })).toMatch(/additional/);
    expect(contract.violation('GET', '/v1/customers/:id', 404, { error: { type: 'not_found_error', code: 'resource_missing', message: 'm', requestId: 'r' } })).toBeNull();
    expect(contract.violation('GET', '/v1/customers/:id', 404, { error: { type: 'nope', code: 'c', message: 'm', requestId: 'r' } })).toMatch(/type/);
  });
});

test('each Server-Sent Event of /v1/events/stream is checked against its item schema', () => {
  const contract = new ResponseContract(document);
  const customer = { id: 'cus_1', object: 'customer', externalUserId: 'u', externalOrganizationId: null, email: null, name: null, metadata: {}, testClockId: null, livemode: false, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const event = { id: 'evt_1', type: 'customer.created', createdAt: '2026-01-01T00:00:00.000Z', livemode: false, data: customer };
  expect(contract.eventViolation('/v1/events/stream', event)).toBeNull();
  expect(contract.eventViolation('/v1/events/stream', { ...event, type: 'customer.deleted' })).toMatch(/refuses/);
  expect(contract.eventViolation('/v1/events/stream', { ...event, data: { ...customer, livemode: 'no' } })).toMatch(/livemode/);
});

describe('a body the document refuses, the API refuses too', () => {
  const samples: Array<[string, string, unknown]> = [
    ['post', '/v1/customers', { externalUserId: 'u', unknownField: 1 }],
    ['post', '/v1/customers', { externalUserId: 'u', email: 'not an email' }],
    ['post', '/v1/session-tokens', { externalUserId: 'u', expiresIn: 10 }],
    ['post', '/v1/products', { name: 'P', prices: [] }],
    ['post', '/v1/webhook-endpoints', { url: 'https://example.com/hook' }],
    ['post', '/v1/test-clocks', { frozenTime: 'yesterday' }],
  ];

  test.each(samples)('%s %s %j', async (method, path, body) => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({ ...document, $id: 'doc' });
    const pointer = `/paths/${path.replace(/\//g, '~1')}/${method}/requestBody/content/application~1json/schema`;
    expect(ajv.validate({ $ref: `doc#${pointer}` }, body)).toBe(false);
    const answer = await api(method.toUpperCase() as 'POST', path, { key: keys.secretKey, body });
    expect(answer.status).toBe(400);
  });
});
