import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Connection } from './connection';

/** The secret `billingos listen` signs with, and whether this run made it. */
export interface ListenSecret {
  secret: string;
  /** `reused`: the one of the last run; `created`: the first for this key and API; `rotated`: `--new-secret`. */
  status: 'created' | 'reused' | 'rotated';
  /** The file that keeps it. */
  file: string;
}

interface Entry {
  apiUrl: string;
  keyHash: string;
  secret: string;
  createdAt: string;
}

const NOTE =
  "billingos listen's webhook signing secrets: one per API URL and secret key (keyHash is an HMAC of the key, never the key). `billingos listen --new-secret` replaces one.";

/**
 * `$XDG_CONFIG_HOME/billingos/listen-secrets.json`, else `~/.config/billingos/…` (`%APPDATA%` on Windows).
 */
export function listenSecretsFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || (process.platform === 'win32' ? env.APPDATA : undefined) || join(env.HOME || homedir(), '.config');
  return join(base, 'billingos', 'listen-secrets.json');
}

/**
 * The secret for this API key and URL, kept across runs as the Stripe CLI keeps one per account
 * and machine, so restarting `listen` never breaks the app's verification. `rotate` replaces it.
 * The file is written whole (a temporary file renamed over it), readable by its owner only (0600).
 */
export async function listenSecret(connection: Connection, env: NodeJS.ProcessEnv, options: { rotate: boolean; warn(line: string): void }): Promise<ListenSecret> {
  const file = listenSecretsFile(env);
  const keyHash = createHmac('sha256', 'billingos listen').update(connection.apiKey).digest('hex');
  const entries = await readEntries(file, options.warn);
  const index = entries.findIndex((entry) => entry.apiUrl === connection.apiUrl && entry.keyHash === keyHash);
  const found = entries[index];
  if (found && !options.rotate) return { secret: found.secret, status: 'reused', file };
  const entry: Entry = { apiUrl: connection.apiUrl, keyHash, secret: `whsec_${randomBytes(32).toString('base64')}`, createdAt: new Date().toISOString() };
  if (found) entries[index] = entry;
  else entries.push(entry);
  await writeEntries(file, entries);
  return { secret: entry.secret, status: found ? 'rotated' : 'created', file };
}

async function readEntries(file: string, warn: (line: string) => void): Promise<Entry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const secrets = (JSON.parse(text) as { secrets?: unknown }).secrets;
    if (Array.isArray(secrets)) return secrets.filter(isEntry);
  } catch {
    // reported below
  }
  warn(`Ignoring ${file}: it is not what billingos wrote (it will be rewritten).`);
  return [];
}

function isEntry(value: unknown): value is Entry {
  const entry = value as Partial<Entry> | null;
  return typeof entry?.apiUrl === 'string' && typeof entry.keyHash === 'string' && typeof entry.secret === 'string' && entry.secret.startsWith('whsec_');
}

async function writeEntries(file: string, entries: Entry[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify({ note: NOTE, secrets: entries }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
