import type { Readable } from 'node:stream';
import { PayloadTooLargeException } from '@nestjs/common';

/** Body parsers are off when we read the stream ourselves, so we cap it: events are small. */
const MAX_UNPARSED_BODY_BYTES = 1024 * 1024;

/** The request shapes a raw body can come from, whatever the platform. */
interface RequestWithBody {
  rawBody?: unknown;
  body?: unknown;
}

/**
 * The exact bytes BillingOS signed: `req.rawBody` (Nest's `rawBody: true`), a body left as a
 * Buffer or string by `express.raw()` / `express.text()`, or the unread stream when no body
 * parser ran (`bodyParser: false`). `undefined` when a parser consumed it without keeping a copy.
 */
export async function readRawBody(request: unknown): Promise<Uint8Array | string | undefined> {
  const { rawBody, body } = request as RequestWithBody;
  if (rawBody instanceof Uint8Array) return rawBody;
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  if (body === undefined && isUnreadStream(request)) return readStream(request);
  return undefined;
}

function isUnreadStream(value: unknown): value is Readable {
  const stream = value as Partial<Readable>;
  return typeof stream.on === 'function' && stream.readable === true && stream.readableEnded === false;
}

async function readStream(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > MAX_UNPARSED_BODY_BYTES) throw new PayloadTooLargeException('A BillingOS webhook body is never larger than 1 MiB.');
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** What to change when the raw body is gone, at start-up and (off Express) at the first delivery. */
export const RAW_BODY_REQUIRED =
  'BillingOS webhooks need the exact request bytes to check their signature: create the app with ' +
  '`NestFactory.create(AppModule, { rawBody: true })` (in tests: `moduleRef.createNestApplication({ rawBody: true })`).';
