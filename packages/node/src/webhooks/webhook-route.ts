import { isBillingOSError } from '../errors/is-billing-os-error';
import { readEnv } from '../config/read-env';
import { jsonResponse } from '../session-route/json-response';
import { MemoryWebhookEventStore } from './webhook-event-store';
import { concatBytes } from './encoding';
import { Webhooks } from './webhooks';
import type { BillingOSEvent } from './webhook-event';
import type { WebhookRouteLogger, WebhookRouteOptions } from './webhook-route-options';

/** A Web-standard webhook receiver: Next.js App Router, Hono, Bun, Deno, Workers. */
export type WebhookRoute = (request: Request) => Promise<Response>;

/** BillingOS events are small; a bigger body is no delivery of ours. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/**
 * A route that verifies each delivery on its exact bytes, runs your handler for its type and
 * answers: 400 for a bad signature (no handler runs), 200 once handled (or already handled, per
 * `store`), 500 when a handler throws, so BillingOS retries later.
 *
 * @example
 * // app/api/billingos-webhooks/route.ts (Next.js App Router)
 * export const POST = createWebhookRoute({
 *   on: { 'subscription.renewed': (event) => extendAccess(event.data.customerId, event.data.currentPeriodEnd) },
 * });
 * // Hono: app.post('/api/billingos-webhooks', (c) => route(c.req.raw))
 */
export function createWebhookRoute(options: WebhookRouteOptions): WebhookRoute {
  const logger = options.logger ?? console;
  const store = options.store === false ? undefined : (options.store ?? new MemoryWebhookEventStore());
  // One verifier (it caches each secret's key); the secret is read per request, so a route built
  // before BILLINGOS_WEBHOOK_SECRET was set (during `next build`) works once it is.
  const webhooks = new Webhooks({ tolerance: options.tolerance, cryptoProvider: options.cryptoProvider });

  return async (request) => {
    if (request.method !== 'POST') return jsonResponse(405, failure('invalid_request_error', 'method_not_allowed', 'BillingOS webhooks are POSTed.'), { Allow: 'POST' });
    const body = await readBody(request, logger);
    if (body instanceof Response) return body;
    let event: BillingOSEvent;
    try {
      event = await webhooks.constructEventAsync(body, request.headers, { secret: options.secret ?? readEnv('BILLINGOS_WEBHOOK_SECRET') });
    } catch (error) {
      if (isBillingOSError(error, 'webhook_verification_error')) return jsonResponse(400, failure('invalid_request_error', error.code, error.message));
      logger.error('BillingOS webhook route: could not verify the delivery (BillingOS will retry):', error);
      return serverError();
    }
    try {
      if (store && (await store.has(event.id))) return jsonResponse(200, { received: true, duplicate: true });
      const handler = options.on[event.type] as ((event: BillingOSEvent) => unknown) | undefined;
      await handler?.(event);
      await store?.set(event.id);
    } catch (error) {
      logger.error(`BillingOS webhook route: handling ${event.type} ${event.id} failed; answered 500, so BillingOS retries it:`, error);
      return serverError();
    }
    return jsonResponse(200, { received: true });
  };
}

/** The exact bytes as received (never decoded and re-encoded), or the response that refuses them. */
async function readBody(request: Request, logger: WebhookRouteLogger): Promise<Uint8Array | Response> {
  if (request.bodyUsed) {
    logger.error(
      'BillingOS webhook route: the request body was already read, so its signature cannot be checked (answered 500; BillingOS retries). ' +
        'Pass the request to the route before reading it (Hono: `(c) => route(c.req.raw)` with no body parsing before), or pass `request.clone()`.',
    );
    return serverError();
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_WEBHOOK_BODY_BYTES) return tooLarge();
  if (!request.body) return new Uint8Array(0);
  // Read as it streams, so a chunked body without a length stops at the limit instead of filling memory.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_WEBHOOK_BODY_BYTES) {
      await reader.cancel();
      return tooLarge();
    }
    chunks.push(read.value);
  }
  return concatBytes(chunks);
}

function failure(type: string, code: string | undefined, message: string) {
  return { error: { type, code: code ?? type, message } };
}

/** What a caller sees when the server is at fault: nothing about why (that goes to the log). */
export function serverError(): Response {
  return jsonResponse(500, failure('api_error', 'internal_error', 'The webhook could not be processed; it will be retried.'));
}

function tooLarge(): Response {
  return jsonResponse(413, failure('invalid_request_error', 'body_too_large', 'A BillingOS webhook body is never larger than 1 MiB.'));
}
