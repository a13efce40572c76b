import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Mode } from '../auth/credential';
import { forbiddenRange, LOOPBACK } from './forbidden-address';
import { WebhookUrlRefusal } from './webhook-url-refusal';

/** An address a delivery may connect to, checked against the endpoint's mode. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

const MAX_URL_LENGTH = 2048;
/** How long a host's DNS lookup may take, at creation and before each delivery. */
export const DNS_TIMEOUT_MS = 5_000;

/**
 * Parses a webhook URL and applies its mode's rules that need no DNS: live mode takes only
 * `https`; test mode also takes `http` (localhost included). Neither takes credentials in the URL.
 */
export function parseWebhookUrl(raw: string, mode: Mode): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefusal('url_invalid', `"${raw.slice(0, 100)}" is not an absolute URL such as https://example.com/webhooks.`);
  }
  if (raw.length > MAX_URL_LENGTH) throw new WebhookUrlRefusal('url_invalid', `A webhook URL has at most ${MAX_URL_LENGTH} characters.`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlRefusal('url_invalid', `A webhook URL uses https (or http in test mode), not ${url.protocol}.`);
  if (url.username || url.password) throw new WebhookUrlRefusal('url_invalid', 'A webhook URL may not carry a user name or password: verify deliveries by their signature instead.');
  if (mode === 'live' && url.protocol !== 'https:') {
    throw new WebhookUrlRefusal('url_https_required', 'Live-mode webhook endpoints must use https. (Test mode also accepts http, such as http://localhost:3000/webhooks.)');
  }
  return url;
}

/**
 * Resolves the URL's host (within `timeoutMs`) and checks every address it resolves to (a name
 * with one bad address among several is refused: a rebinding attacker controls which one is
 * used). Both modes refuse private, link-local, shared, metadata and reserved addresses; live
 * mode refuses loopback too, test mode takes it (local development). Connect to the address
 * returned, not to the name again. A refusal never names the addresses the host resolved to.
 */
export async function resolveWebhookUrl(url: URL, mode: Mode, timeoutMs = DNS_TIMEOUT_MS): Promise<CheckedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await resolveAll(host, timeoutMs);
  for (const { address } of addresses) assertAllowed(literal ? host : undefined, address, mode);
  const [first] = addresses;
  return { address: first!.address, family: first!.family === 6 ? 6 : 4 };
}

/**
 * The check at creation and on a changed URL. A test-mode host that does not resolve (yet) is
 * taken: each delivery resolves and checks it again.
 */
export async function assertAcceptableWebhookUrl(raw: string, mode: Mode): Promise<void> {
  const url = parseWebhookUrl(raw, mode);
  try {
    await resolveWebhookUrl(url, mode);
  } catch (error) {
    if (mode === 'test' && error instanceof WebhookUrlRefusal && error.code === 'url_unresolvable') return;
    throw error;
  }
}

async function resolveAll(host: string, timeoutMs: number): Promise<{ address: string; family: number }[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WebhookUrlRefusal('url_unresolvable', `The webhook host "${host}" did not resolve within ${timeoutMs / 1000} s.`)), timeoutMs);
  });
  try {
    const addresses = await Promise.race([lookup(host, { all: true, verbatim: true }).catch(() => []), timedOut]);
    if (addresses.length > 0) return addresses;
  } finally {
    clearTimeout(timer);
  }
  throw new WebhookUrlRefusal('url_unresolvable', `The webhook host "${host}" does not resolve to any address.`);
}

/** `literal`: the URL's own IP address, which a message may repeat (an address the host resolved to, never). */
function assertAllowed(literal: string | undefined, address: string, mode: Mode): void {
  const range = forbiddenRange(address);
  if (!range || (range === LOOPBACK && mode === 'test')) return;
  const what = literal ? `${literal} is ${range}` : `The URL resolves to ${range === LOOPBACK ? LOOPBACK : 'a private network'}`;
  throw new WebhookUrlRefusal('url_forbidden_address', `${what} address; webhook endpoints must be publicly reachable (test mode also accepts localhost).`);
}
