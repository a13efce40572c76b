import { createSecretKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Database } from '../storage/database';

/** A session-token signing key as configured: `kid` plus base64 secret (at least 32 bytes). */
export interface SigningKeyInput {
  kid: string;
  secret: string;
}

interface SigningKey {
  kid: string;
  key: KeyObject;
}

/**
 * The API's own HS256 keys. The first signs; every one verifies, so a new key can be put in
 * front without invalidating tokens that are still live.
 */
export class SigningKeyring {
  readonly #keys: SigningKey[];

  constructor(inputs: readonly SigningKeyInput[]) {
    if (inputs.length === 0) throw new Error('SigningKeyring needs at least one key.');
    this.#keys = inputs.map(toSigningKey);
  }

  get current(): SigningKey {
    return this.#keys[0]!;
  }

  find(kid: string): KeyObject | undefined {
    return this.#keys.find((key) => key.kid === kid)?.key;
  }

  /** Keys from the configuration, else the ones persisted in the database (one is generated on first start). */
  static async load(db: Database, configured?: readonly SigningKeyInput[]): Promise<SigningKeyring> {
    if (configured && configured.length > 0) return new SigningKeyring(configured);
    const fresh = { kid: `key_${randomBytes(6).toString('hex')}`, secret: randomBytes(32).toString('base64') };
    const rows = await db.transaction(async (tx) => {
      // Nodes starting together on one PostgreSQL must agree on a single first key.
      if (db.kind === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(424243)');
      await tx.query('INSERT INTO signing_keys (kid, secret) SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM signing_keys)', [fresh.kid, fresh.secret]);
      return tx.query<{ kid: string; secret: string }>('SELECT kid, secret FROM signing_keys ORDER BY created_at DESC, kid');
    });
    return new SigningKeyring(rows);
  }
}

/**
 * Parses `kid:base64secret,kid2:base64secret` (the `BILLINGOS_SIGNING_KEYS` format).
 *
 * @example
 * startApiServer({ signingKeys: parseSigningKeys(`key_2:${newSecret},key_1:${oldSecret}`) }); // key_2 signs, both verify
 */
export function parseSigningKeys(value: string): SigningKeyInput[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(':');
      if (separator <= 0) throw new Error(`BILLINGOS_SIGNING_KEYS entry "${entry.slice(0, 12)}…" must look like kid:base64secret.`);
      return { kid: entry.slice(0, separator), secret: entry.slice(separator + 1) };
    });
}

function toSigningKey(input: SigningKeyInput): SigningKey {
  const bytes = Buffer.from(input.secret, 'base64');
  if (bytes.length < 32) throw new Error(`Signing key "${input.kid}" decodes to ${bytes.length} bytes; HS256 needs at least 32 (openssl rand -base64 32).`);
  return { kid: input.kid, key: createSecretKey(bytes) };
}
