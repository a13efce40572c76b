import { jsonResponse } from './json-response';
import { toWebRequest } from './node-adapter';
import type { IncomingMessageLike } from './node-adapter';

/** The parts of a Fastify request the adapter reads (no dependency on fastify). */
export interface FastifyRequestLike {
  raw: IncomingMessageLike;
  /** A Buffer or string from a `parseAs` content-type parser; an object means Fastify's JSON parser ran. */
  body?: unknown;
  /** The bytes `fastify-raw-body` keeps next to a parsed body. */
  rawBody?: unknown;
}

/** The parts of a Fastify reply the adapter writes. */
export interface FastifyReplyLike {
  code(statusCode: number): FastifyReplyLike;
  header(name: string, value: string): FastifyReplyLike;
  send(payload?: string): FastifyReplyLike;
}

/** A Fastify route handler. */
export type FastifyHandler = (request: FastifyRequestLike, reply: FastifyReplyLike) => Promise<FastifyReplyLike>;

export interface FastifyHandlerOptions {
  /** Where a refused body's fix is written (Fastify's own logger is off by default). @default console */
  logger?: { error(message: string): void };
}

/**
 * Wraps a Web route (`createSessionRoute`, `createWebhookRoute`…) as a Fastify handler that
 * answers through `reply`, so Fastify's hooks still run. A body reaches the route as Fastify
 * kept it: a Buffer or string (a `parseAs` content-type parser, `rawBody`). A body Fastify's JSON
 * parser turned into an object cannot become the signed bytes again: answered 500, and the
 * logger says how to keep it raw.
 *
 * @example
 * app.get('/api/billingos-session', toFastifyHandler(createSessionRoute({}, (request) => userFrom(request))));
 * app.register(async (webhooks) => {
 *   webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => done(null, body));
 *   webhooks.post('/api/billingos-webhooks', toFastifyHandler(createWebhookRoute({ on: { … } })));
 * });
 */
export function toFastifyHandler(route: (request: Request) => Promise<Response>, options: FastifyHandlerOptions = {}): FastifyHandler {
  const logger = options.logger ?? console;
  return async (request, reply) => {
    const base = toWebRequest(request.raw);
    const body = bodyOf(request);
    if (body === PARSED) logger.error(parsedBodyMessage(base));
    const response =
      body === PARSED
        ? jsonResponse(500, { error: { type: 'api_error', code: 'internal_error', message: 'The request could not be processed; the server log says why.' } })
        : await route(body === undefined ? base : new Request(base.url, { method: base.method, headers: base.headers, body: body as BodyInit }));
    reply.code(response.status);
    response.headers.forEach((value, name) => {
      reply.header(name, value);
    });
    return reply.send(await response.text());
  };
}

const PARSED = Symbol('parsed');

/** The body as Fastify kept it; `PARSED` when only an object is left. */
function bodyOf(request: FastifyRequestLike): Uint8Array | string | typeof PARSED | undefined {
  for (const body of [request.rawBody, request.body]) {
    if (body instanceof Uint8Array || typeof body === 'string') return body;
  }
  return request.body === undefined || request.body === null ? undefined : PARSED;
}

function parsedBodyMessage(request: Request): string {
  return (
    `BillingOS route at ${new URL(request.url).pathname}: Fastify parsed the request body into an object, so its exact bytes ` +
    '(which a webhook signature covers) are gone; answered 500 (BillingOS retries a webhook). Keep the body raw for this route: ' +
    "register it in its own plugin with addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => done(null, body)), " +
    'or use fastify-raw-body (request.rawBody).'
  );
}
