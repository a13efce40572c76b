import { startTestServer } from '@billingos/api/testing';
import type { TestServer } from '@billingos/api/testing';
import { client, expectError } from './support/http';
import { createCustomer } from './support/fixtures';

let server: TestServer;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  server = await startTestServer();
  api = client(server.url);
});
afterAll(() => server.close());

/** Reads a Server-Sent Events response, one message (or comment) at a time. */
function sseReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return async function next(): Promise<string> {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const message = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return message;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  };
}

test('GET /v1/events/stream sends the key\'s new events as Server-Sent Events, each once and in order', async () => {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/v1/events/stream`, { headers: { Authorization: `Bearer ${server.secretKey}` }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const next = sseReader(response);
  expect(await next()).toBe(': connected');

  await createCustomer(api, server.liveSecretKey, 'live_not_streamed');
  const first = await createCustomer(api, server.secretKey, 'streamed_1');
  const second = await createCustomer(api, server.secretKey, 'streamed_2');
  const messages = [await next(), await next()];
  const events = messages.map((message) => {
    const [idLine, dataLine] = message.split('\n');
    const event = JSON.parse(dataLine!.slice('data: '.length));
    expect(idLine).toBe(`id: ${event.id}`);
    return event;
  });
  expect(events.map((event) => [event.type, event.data.id, event.livemode])).toEqual([
    ['customer.created', first.id, false],
    ['customer.created', second.id, false],
  ]);
  expect((await api('GET', `/v1/events/${events[0].id}`, { key: server.secretKey })).body).toEqual(events[0]);
  abort.abort();
});

test('only test-mode secret keys may stream', async () => {
  expectError(await api('GET', '/v1/events/stream', { key: server.liveSecretKey }), 403, 'permission_error', 'test_mode_only');
  expectError(await api('GET', '/v1/events/stream', { key: server.publishableKey }), 403, 'permission_error');
  expectError(await api('GET', '/v1/events/stream'), 401, 'authentication_error');
});

test('an open stream ends cleanly when the server shuts down', async () => {
  const own = await startTestServer();
  const response = await fetch(`${own.url}/v1/events/stream`, { headers: { Authorization: `Bearer ${own.secretKey}` } });
  const next = sseReader(response);
  expect(await next()).toBe(': connected');
  const started = Date.now();
  await own.close();
  expect(Date.now() - started).toBeLessThan(5_000);
  await expect(next()).rejects.toThrow('stream ended');
});
