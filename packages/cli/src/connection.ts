import { CliError } from './cli-error';

/** Where the API is and which key to use, from `--api-url` / `--api-key` or the environment. */
export interface Connection {
  apiUrl: string;
  apiKey: string;
  mode: 'test' | 'live';
}

export const CONNECTION_OPTIONS = {
  'api-url': { type: 'string' },
  'api-key': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CONNECTION_HELP = `  --api-url <url>   the BillingOS API (default: $BILLINGOS_API_URL, else https://api.billingos.dev)
  --api-key <key>   a secret key, sk_test_… (default: $BILLINGOS_SECRET_KEY)
  -h, --help        this help`;

/** Reads the connection; a missing or malformed key is a `CliError` saying how to pass one. */
export function readConnection(values: { 'api-url'?: string | undefined; 'api-key'?: string | undefined }, env: NodeJS.ProcessEnv): Connection {
  const apiKey = values['api-key'] ?? env.BILLINGOS_SECRET_KEY;
  if (!apiKey) throw new CliError('No API key: pass --api-key sk_test_… or set BILLINGOS_SECRET_KEY.');
  const mode = apiKey.startsWith('sk_test_') ? 'test' : apiKey.startsWith('sk_live_') ? 'live' : undefined;
  if (!mode) throw new CliError(`The API key must be a secret key (sk_test_… or sk_live_…), got "${apiKey.slice(0, 8)}…".`);
  const apiUrl = (values['api-url'] ?? env.BILLINGOS_API_URL ?? 'https://api.billingos.dev').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(apiUrl)) throw new CliError(`--api-url must be an http(s) URL, got "${apiUrl}".`);
  return { apiUrl, apiKey, mode };
}

/** Refuses a live key for commands that only make sense in test mode. */
export function requireTestMode(connection: Connection, command: string, why: string): void {
  if (connection.mode === 'live') throw new CliError(`billingos ${command} works in test mode only: use your sk_test_ key. ${why}`);
}
