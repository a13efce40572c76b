import { WebhookVerificationError } from '../errors/webhook-verification-error';

/** The raw request body as received: a string, or bytes (Uint8Array, Buffer, ArrayBuffer). */
export type RawBody = string | Uint8Array | ArrayBuffer;

/** The body as signed (a string stays a string); a parsed object is refused with the recipe to get the raw body. */
export function normaliseRawBody(body: unknown): string | Uint8Array {
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new WebhookVerificationError({
    code: 'parsed_body',
    message:
      'Webhook signatures cover the raw request body, but this body was already parsed (an object). ' +
      "Express: mount `express.raw({ type: 'application/json' })` on the webhook route and pass `req.body` (a Buffer). " +
      'Next.js App Router / Edge: pass `await request.text()`. Pages Router: disable the bodyParser and read the stream.',
  });
}
