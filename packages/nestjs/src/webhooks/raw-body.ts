import type { Readable } from 'node:stream';

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
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** What to change when the raw body is gone, at start-up and (off Express) at the first delivery. */
export const RAW_BODY_REQUIRED =
  'BillingOS webhooks need the exact request bytes to check their signature: create the app with ' +
  '`NestFactory.create(AppModule, { rawBody: true })` (in tests: `moduleRef.createNestApplication({ rawBody: true })`).';
