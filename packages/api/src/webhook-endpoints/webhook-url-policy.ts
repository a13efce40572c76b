import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Mode } from '../auth/credential';
import { forbiddenRange, isMetadataAddress } from './forbidden-address';
import { WebhookUrlRefusal } from './webhook-url-refusal';

/** An address a delivery may connect to, checked against the endpoint's mode. */
export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

const MAX_URL_LENGTH = 2048;

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
 * Resolves the URL's host and checks every address it resolves to (a name with one bad address
 * among several is refused: a rebinding attacker controls which one is used). Live mode refuses
 * loopback, private, link-local, shared and reserved addresses; test mode refuses link-local and
 * cloud metadata addresses only. Connect to the address returned, not to the name again.
 */
export async function resolveWebhookUrl(url: URL, mode: Mode): Promise<CheckedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal }] : await resolveAll(host);
  for (const { address } of addresses) assertAllowed(url.hostname, address, mode);
  const [first] = addresses;
  return { address: first!.address, family: first!.family === 6 ? 6 : 4 };
}

/** The creation-time check: live mode resolves and checks now; test mode checks an IP literal only. */
export async function assertAcceptableWebhookUrl(raw: string, mode: Mode): Promise<void> {
  const url = parseWebhookUrl(raw, mode);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (mode === 'live' || isIP(host)) await resolveWebhookUrl(url, mode);
}

async function resolveAll(host: string): Promise<{ address: string; family: number }[]> {
  try {
    const addresses = await lookup(host, { all: true, verbatim: true });
    if (addresses.length > 0) return addresses;
  } catch {
    // reported below, in the same words as an empty answer
  }
  throw new WebhookUrlRefusal('url_unresolvable', `The webhook host "${host}" does not resolve to any address.`);
}

function assertAllowed(hostname: string, address: string, mode: Mode): void {
  const range = mode === 'live' ? forbiddenRange(address) : isMetadataAddress(address) ? forbiddenRange(address) : undefined;
  if (!range) return;
  const resolves = hostname.replace(/^\[|\]$/g, '') === address ? `${address} is` : `"${hostname}" resolves to ${address},`;
  const allowed = mode === 'live' ? 'Live-mode endpoints must resolve to public addresses.' : 'No endpoint may reach link-local or cloud metadata addresses.';
  throw new WebhookUrlRefusal('url_forbidden_address', `${resolves} ${range} address. ${allowed}`);
}
