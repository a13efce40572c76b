import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { LookupFunction } from 'node:net';
import type { Mode } from '../auth/credential';
import { DNS_TIMEOUT_MS, parseWebhookUrl, resolveWebhookUrl } from '../webhook-endpoints/webhook-url-policy';
import type { CheckedAddress } from '../webhook-endpoints/webhook-url-policy';
import { DeliveryFailure, describeDeliveryError } from './delivery-error';

/** What one attempt found: a 2xx is success; anything else (a 3xx too: redirects are never followed) carries `error`. */
export interface PostOutcome {
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
}

export interface PostOptions {
  /** The whole attempt: resolving the host, connecting, the answer. @default 10_000 */
  timeoutMs?: number;
  /** Resolving the host, within `timeoutMs`. @default 5_000 */
  dnsTimeoutMs?: number;
  /** Bytes of the response read at most; the rest is dropped. @default 4096 */
  maxResponseBytes?: number;
}

/**
 * POSTs one delivery. The host is resolved (within `dnsTimeoutMs`) and checked against the
 * endpoint's mode right now, and the connection goes to that checked address (a DNS answer that
 * changed since the endpoint was created, or changes between check and connect, cannot point it
 * elsewhere). Redirects are not followed, at most `maxResponseBytes` of the answer are read, and
 * the whole attempt has `timeoutMs`. An error never names the address or port connected to.
 * Never throws.
 */
export async function postWebhook(rawUrl: string, mode: Mode, headers: Record<string, string>, body: string, options: PostOptions = {}): Promise<PostOutcome> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const url = parseWebhookUrl(rawUrl, mode);
    const target = await resolveWebhookUrl(url, mode, Math.min(options.dnsTimeoutMs ?? DNS_TIMEOUT_MS, timeoutMs));
    const status = await send(url, target, headers, body, { timeoutMs, leftMs: timeoutMs - elapsed(), maxBytes: options.maxResponseBytes ?? 4096 });
    const error = status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? `HTTP ${status}: redirects are not followed` : `HTTP ${status}`;
    return { responseStatus: status, durationMs: elapsed(), error };
  } catch (error) {
    return { responseStatus: null, durationMs: elapsed(), error: describeDeliveryError(error) };
  }
}

interface SendLimits {
  /** The whole attempt's, for the message. */
  timeoutMs: number;
  /** What is left of it after resolving the host. */
  leftMs: number;
  maxBytes: number;
}

function send(url: URL, target: CheckedAddress, headers: Record<string, string>, body: string, { timeoutMs, leftMs, maxBytes }: SendLimits): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<number>((resolve, reject) => {
    const outgoing = request(url, {
      method: 'POST',
      agent: false,
      lookup: pinnedLookup(target),
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'BillingOS-Webhooks/1', ...headers },
    });
    const timer = setTimeout(() => outgoing.destroy(new DeliveryFailure(`No response within ${timeoutMs / 1000} s.`)), Math.max(0, leftMs));
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.on('response', (response: IncomingMessage) => {
      let read = 0;
      const done = () => {
        clearTimeout(timer);
        response.destroy();
        outgoing.destroy();
        resolve(response.statusCode ?? 0);
      };
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= maxBytes) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    outgoing.end(body);
  });
}

/** A `lookup` that answers with the address already checked, whatever DNS says now. */
function pinnedLookup(target: CheckedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as LookupFunction;
}
