import { WebhookUrlRefusal } from '../webhook-endpoints/webhook-url-refusal';

/** A failure whose message BillingOS wrote itself (a timeout): safe to record as it is. */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure';
}

/** Node's messages for these name the address and port connected to: the delivery log says it in its own words. */
const CONNECTION_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "The connection was refused: nothing accepts connections at the URL's port.",
  ECONNRESET: 'The connection was closed before an answer arrived.',
  EPIPE: 'The connection was closed before an answer arrived.',
  ETIMEDOUT: 'Connecting timed out.',
  EHOSTUNREACH: 'The host is unreachable.',
  ENETUNREACH: 'The network of the host is unreachable.',
};

/**
 * What a failed attempt records as its `error`: clear about what went wrong, and never an
 * address or port the host resolved to (Node's own messages carry them, e.g.
 * `connect ECONNREFUSED 10.0.0.7:443`), so the delivery log does not map a network.
 *
 * @example
 * describeDeliveryError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }));
 * // "The connection was refused: nothing accepts connections at the URL's port."
 */
export function describeDeliveryError(error: unknown): string {
  if (error instanceof WebhookUrlRefusal || error instanceof DeliveryFailure) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[A-Z0-9_]+$/.test(code)) return 'The request failed.';
  const known = CONNECTION_ERRORS[code];
  if (known) return known;
  if (/CERT|TLS|SSL/.test(code)) return `The TLS handshake failed (${code}).`;
  if (code.startsWith('HPE_')) return `The answer was not valid HTTP (${code}).`;
  return `The request failed (${code}).`;
}
