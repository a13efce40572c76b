import { readApiUrl } from './api-url';
import { CliError } from './cli-error';
import type { CommandContext } from './command';

/** Where the API is and which key to use. */
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

export const CONNECTION_HELP = `  --api-url <url>   the BillingOS API (default: $BILLINGOS_API_URL, else https://api.billingos.dev);
                    https, or http to localhost only
  -h, --help        this help

The secret key (sk_test_…) comes from $BILLINGOS_SECRET_KEY; without it, billingos asks for it
in a terminal (it is not echoed). --api-key <key> still works but is discouraged: other users of
the machine can read it (ps) and your shell history keeps it.`;

export const API_KEY_FLAG_WARNING =
  'Warning: --api-key exposes your secret key to other users of this machine (ps) and to your shell history. Set BILLINGOS_SECRET_KEY instead.';

/**
 * Reads the connection: the URL from `--api-url` or `BILLINGOS_API_URL`; the key from
 * `BILLINGOS_SECRET_KEY`, else a hidden prompt on a terminal, else `--api-key` (with a warning).
 * Anything missing, malformed or insecure is a `CliError` saying what to do.
 */
export async function readConnection(values: { 'api-url'?: string | undefined; 'api-key'?: string | undefined }, context: CommandContext): Promise<Connection> {
  const apiUrl = readApiUrl(values['api-url'] ?? context.env.BILLINGOS_API_URL);
  const apiKey = await readApiKey(values['api-key'], context);
  const mode = apiKey.startsWith('sk_test_') ? 'test' : apiKey.startsWith('sk_live_') ? 'live' : undefined;
  if (!mode) throw new CliError(`The API key must be a secret key (sk_test_… or sk_live_…), got "${apiKey.slice(0, 8)}…".`);
  return { apiUrl, apiKey, mode };
}

async function readApiKey(flag: string | undefined, context: CommandContext): Promise<string> {
  if (flag !== undefined) {
    context.err(API_KEY_FLAG_WARNING);
    return flag;
  }
  if (context.env.BILLINGOS_SECRET_KEY) return context.env.BILLINGOS_SECRET_KEY;
  if (!context.promptSecret) throw new CliError('No API key: set BILLINGOS_SECRET_KEY=sk_test_… (or run billingos in a terminal to be asked for it).');
  const typed = await context.promptSecret('BillingOS secret key (sk_test_…, not shown): ');
  if (!typed) throw new CliError('No API key given.');
  return typed;
}

/** Refuses a live key for commands that only make sense in test mode. */
export function requireTestMode(connection: Connection, command: string, why: string): void {
  if (connection.mode === 'live') throw new CliError(`billingos ${command} works in test mode only: use your sk_test_ key. ${why}`);
}
