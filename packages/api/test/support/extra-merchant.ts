import { hashKey } from '../../src/auth/key-hash';
import { generateKey } from '../../src/bootstrap/merchant-keys';
import type { Database } from '../../src/storage/database';

/** Another merchant next to the seeded one, with a test-mode secret key: returns the key. */
export async function addMerchant(db: Database, id: string): Promise<string> {
  const key = generateKey('secretKey');
  await db.query("INSERT INTO merchants (id, name) VALUES ($1, 'Another merchant')", [id]);
  await db.query("INSERT INTO api_keys (key_hash, merchant_id, kind, mode, hint) VALUES ($1, $2, 'secret', 'test', $3)", [hashKey(key), id, `${key.slice(0, 12)}…`]);
  return key;
}
