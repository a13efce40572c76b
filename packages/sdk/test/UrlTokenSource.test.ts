/** @jest-environment ./packages/sdk/test/support/jsdom-with-node-fetch.ts */
import { UrlTokenSource } from '../src/core/tokens/UrlTokenSource';
import { AuthenticationError } from '../src/core/errors/AuthenticationError';
import { ConnectionError } from '../src/core/errors/ConnectionError';
import { listen, type LocalServer } from './support/httpServer';

let route: LocalServer;
let answer: { status: number; body: unknown; date?: string };
let seen: { method?: string; cookie?: string } = {};

beforeAll(async () => {
  route = await listen((req, res) => {
    seen = { method: req.method, cookie: req.headers.cookie };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.date) headers.date = answer.date;
    res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  });
});
afterAll(() => route.close());

test('GETs the route and reads { sessionToken, expiresAt } and the server clock from Date', async () => {
  const serverNow = 'Thu, 01 Jan 2026 00:00:00 GMT';
  answer = { status: 200, body: { sessionToken: 'st_1', expiresAt: '2026-01-01T01:00:00.000Z' }, date: serverNow };
  const result = await new UrlTokenSource(`${route.url}/api/billingos-session`, { fetch }).getToken();
  expect(seen.method).toBe('GET');
  expect(result).toEqual({ token: 'st_1', expiresAt: new Date('2026-01-01T01:00:00Z'), serverTime: new Date(serverNow) });
});

test("the route's 401 becomes an AuthenticationError carrying its message", async () => {
  answer = { status: 401, body: { error: { type: 'authentication_error', code: 'not_authenticated', message: 'Sign in first.' } } };
  const error = await new UrlTokenSource(route.url, { fetch }).getToken().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ statusCode: 401, code: 'not_authenticated', message: 'Sign in first.' });
});

test('a body without sessionToken says what the route must answer', async () => {
  answer = { status: 200, body: { token: 'x' } };
  await expect(new UrlTokenSource(route.url, { fetch }).getToken()).rejects.toThrow(/must answer \{ sessionToken, expiresAt \}/);
});

test('an unreachable route is a ConnectionError naming the URL', async () => {
  const error = await new UrlTokenSource('http://127.0.0.1:1/session', { fetch }).getToken().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect((error as Error).message).toContain('http://127.0.0.1:1/session');
});
