import { WebhookVerificationError } from '../errors/webhook-verification-error';
import { fromBase64, fromHex } from './encoding';

/** Request headers in any common shape: `Headers`, Node's `IncomingHttpHeaders`, a plain object. */
export type HeadersLike = Headers | { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** The signed parts of a delivery, in either signature scheme. */
export interface SignatureClaim {
  /** `${prefix}${rawBody}` is what was signed. */
  prefix: string;
  timestamp: number;
  /** Candidate signatures (several during secret rotation). */
  signatures: Uint8Array[];
}

/** The BillingOS header, `t=<unix>,v1=<hex>[,v1=<hex>…]`. */
export const SIGNATURE_HEADER = 'billingos-signature';

/** Reads the claim from a `billingos-signature` value or from headers (either scheme). */
export function readSignatureClaim(input: string | HeadersLike): SignatureClaim {
  if (typeof input === 'string') return parseBillingOSSignature(input);
  // `req.headers['billingos-signature']` is undefined when the header is absent: still our own typed error.
  if (input === null || typeof input !== 'object') throw missingSignature();
  const own = header(input, SIGNATURE_HEADER);
  if (own !== undefined) return parseBillingOSSignature(own);
  const id = header(input, 'webhook-id');
  const timestamp = header(input, 'webhook-timestamp');
  const signature = header(input, 'webhook-signature');
  if (id === undefined || timestamp === undefined || signature === undefined) throw missingSignature();
  return parseStandardWebhook(id, timestamp, signature);
}

function parseBillingOSSignature(value: string): SignatureClaim {
  let timestamp: number | undefined;
  const signatures: Uint8Array[] = [];
  for (const part of value.split(',')) {
    const [key, item = ''] = part.trim().split('=', 2);
    if (key === 't') timestamp = parseTimestamp(item);
    if (key === 'v1') signatures.push(fromHex(item) ?? new Uint8Array());
  }
  if (timestamp === undefined || signatures.length === 0) {
    throw fail('malformed_signature_header', 'The billingos-signature header is malformed: expected "t=<unix seconds>,v1=<hex>".');
  }
  return { prefix: `${timestamp}.`, timestamp, signatures };
}

function parseStandardWebhook(id: string, timestampValue: string, value: string): SignatureClaim {
  const timestamp = parseTimestamp(timestampValue);
  const signatures = value
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => fromBase64(entry.slice(3)) ?? new Uint8Array());
  if (timestamp === undefined || signatures.length === 0) {
    throw fail('malformed_signature_header', 'The webhook-signature / webhook-timestamp headers are malformed: expected "v1,<base64>" and unix seconds.');
  }
  return { prefix: `${id}.${timestamp}.`, timestamp, signatures };
}

function parseTimestamp(value: string): number | undefined {
  return /^\d{1,12}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function header(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value.join(' ') : value;
  }
  return undefined;
}

function missingSignature(): WebhookVerificationError {
  return fail(
    'missing_signature_header',
    'No webhook signature: expected a `billingos-signature` header or the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers. Pass the request headers (or the billingos-signature value) unchanged.',
  );
}

function fail(code: string, message: string): WebhookVerificationError {
  return new WebhookVerificationError({ code, message });
}
