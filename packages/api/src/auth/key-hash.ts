import { createHash } from 'node:crypto';

/** API keys carry 192 random bits, so one SHA-256 is enough to store them irreversibly. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
