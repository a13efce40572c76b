import { CliError } from './cli-error';

/** Where the CLI talks to when neither `--api-url` nor `BILLINGOS_API_URL` says otherwise. */
export const DEFAULT_API_URL = 'https://api.billingos.dev';

/**
 * The API's base URL, without trailing slashes. Plain `http://` is refused unless the host is
 * this machine: every request carries the secret key, which must not cross a network in clear.
 *
 * @example readApiUrl('http://localhost:3001/') // 'http://localhost:3001'
 */
export function readApiUrl(raw: string | undefined): string {
  const value = (raw ?? DEFAULT_API_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`The API URL must be an http(s) URL, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new CliError(`The API URL must be an http(s) URL, got "${value}".`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new CliError(
      `Refusing ${url.origin}: plain http would send your secret key across the network unencrypted. Use https://${url.host} (http is for localhost only).`,
    );
  }
  return value;
}

/** `localhost`, 127.0.0.0/8 or ::1 (the URL parser has already normalised forms such as `0x7f.1`). */
function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
