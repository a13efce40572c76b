import { randomBytes } from 'node:crypto';

let lastTime = 0;
let sequence = 0;

/**
 * `<prefix>_<time><sequence><random>`: ids sort by creation time (base-36 milliseconds first),
 * which is what cursor pagination orders by, and within one process strictly in the order they
 * were made (a 4-hex sequence within the millisecond), so rows made together in one request (a
 * product's prices) read back in the order they were written.
 */
export function newId(prefix: string): string {
  const now = Date.now();
  sequence = now > lastTime ? 0 : sequence + 1;
  lastTime = Math.max(now, lastTime);
  if (sequence > 0xffff) {
    lastTime += 1;
    sequence = 0;
  }
  const time = lastTime.toString(36).padStart(9, '0');
  return `${prefix}_${time}${sequence.toString(16).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}
