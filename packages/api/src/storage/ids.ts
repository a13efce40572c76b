import { randomBytes } from 'node:crypto';

/**
 * `<prefix>_<time><random>`: ids sort by creation time (base-36 milliseconds first), which is
 * what cursor pagination orders by.
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
}
