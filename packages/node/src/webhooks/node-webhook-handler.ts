import { sendWebResponse, toWebRequest } from '../session-route/node-adapter';
import { concatBytes } from './encoding';
import { createWebhookRoute, MAX_WEBHOOK_BODY_BYTES, serverError } from './webhook-route';
import type { IncomingMessageLike, ServerResponseLike } from '../session-route/node-adapter';
import type { WebhookRoute } from './webhook-route';
import type { WebhookRouteLogger, WebhookRouteOptions } from './webhook-route-options';

/** A Node request as Express, Connect and the Pages Router hand it over: maybe with a body a parser left. */
export interface WebhookRequestLike extends IncomingMessageLike {
  /** A Buffer from `express.raw()`, a string from `express.text()`; an object means a JSON parser ran first. */
  body?: unknown;
  /** The bytes a parser kept (NestJS `rawBody: true`, a `verify` callback that stores them). */
  rawBody?: unknown;
  readable?: boolean;
  readableEnded?: boolean;
  [Symbol.asyncIterator]?(): AsyncIterator<unknown>;
}

/** A `(req, res)` webhook handler for Express, Connect and the Next.js Pages Router (Fastify: `toFastifyHandler`). */
export type WebhookHandler = (req: WebhookRequestLike, res: ServerResponseLike) => Promise<void>;

/**
 * {@link createWebhookRoute} as a Node `(req, res)` handler. It needs the body unparsed: mount it
 * with `express.raw({ type: 'application/json' })` or before any JSON parser (Pages Router:
 * `export const config = { api: { bodyParser: false } }`). A body a JSON parser already turned
 * into an object cannot be verified: the handler answers 500 and logs how to fix the mounting.
 *
 * @example
 * app.post('/api/billingos-webhooks', express.raw({ type: 'application/json' }), createWebhookHandler({
 *   on: { 'subscription.canceled': (event) => revokeAccess(event.data.customerId) },
 * }));
 */
export function createWebhookHandler(options: WebhookRouteOptions): WebhookHandler {
  return toNodeWebhookHandler(createWebhookRoute(options), options.logger);
}

/** Wraps a webhook route as a Node `(req, res)` handler that hands it the raw body. */
export function toNodeWebhookHandler(route: WebhookRoute, logger: WebhookRouteLogger = console): WebhookHandler {
  return async (req, res) => {
    const base = toWebRequest(req);
    if (base.method !== 'POST') return sendWebResponse(await route(base), res);
    const body = await rawBodyOf(req);
    if (body === TOO_LARGE) return sendWebResponse(new Response(null, { status: 413 }), res);
    if (body === PARSED) {
      logger.error(parsedBodyMessage(req));
      return sendWebResponse(serverError(), res);
    }
    const request = new Request(base.url, { method: 'POST', headers: base.headers, body: body as BodyInit });
    return sendWebResponse(await route(request), res);
  };
}

// Symbols, not strings: a raw text body may be any string, 'parsed' included.
const PARSED = Symbol('parsed');
const TOO_LARGE = Symbol('too large');

/** The bytes as received: what a raw parser left, or the unread stream; `PARSED` when a parser consumed them. */
async function rawBodyOf(req: WebhookRequestLike): Promise<Uint8Array | string | typeof PARSED | typeof TOO_LARGE> {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  if (req.body instanceof Uint8Array || typeof req.body === 'string') return req.body;
  const stream = req[Symbol.asyncIterator];
  if (typeof stream !== 'function' || req.readable === false || req.readableEnded === true) return PARSED;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of { [Symbol.asyncIterator]: () => stream.call(req) }) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_WEBHOOK_BODY_BYTES) return TOO_LARGE;
    chunks.push(bytes);
  }
  return concatBytes(chunks);
}

function parsedBodyMessage(req: WebhookRequestLike): string {
  const path = req.originalUrl ?? req.url ?? 'the webhook route';
  return (
    `BillingOS webhook handler at ${path}: the request body was already parsed (req.body is ${req.body === undefined ? 'gone' : 'an object'}), ` +
    'so the signature, which covers the exact bytes, cannot be checked; answered 500 (BillingOS retries). Fix the mounting: ' +
    "Express: app.post(path, express.raw({ type: 'application/json' }), createWebhookHandler(…)), registered before app.use(express.json()); " +
    'Next.js Pages Router: export const config = { api: { bodyParser: false } }.'
  );
}
