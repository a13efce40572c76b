import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A stored response can hold what is shown once (a webhook endpoint's secret, a minted session
 * token). It is kept encrypted with a key derived from the client's Idempotency-Key, which is
 * itself stored only as a hash: the database alone can neither read a replay nor find its key.
 */
interface Sealed {
  sealed: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How an Idempotency-Key is stored: its SHA-256, so a row does not give away the key that opens it. */
export function storedIdempotencyKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function sealReplay(body: unknown, key: string, scope: string): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', replayKey(key, scope), iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(body ?? null), 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), encrypted]).toString('base64') };
}

/** The stored response; a row written before replays were sealed is returned as it is. */
export function openReplay(stored: unknown, key: string, scope: string): unknown {
  if (!isSealed(stored)) return stored;
  const raw = Buffer.from(stored.sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', replayKey(key, scope), raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8'));
}

function replayKey(key: string, scope: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, scope, 'billingos idempotent replay', 32));
}

function isSealed(value: unknown): value is Sealed {
  return typeof value === 'object' && value !== null && typeof (value as Sealed).sealed === 'string' && Object.keys(value).length === 1;
}
