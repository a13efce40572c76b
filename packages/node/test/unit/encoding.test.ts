import { randomBytes } from 'node:crypto';
import { fromBase64, fromHex, toBase64, toHex } from '../../src/webhooks/encoding';
import { timingSafeEqual } from '../../src/webhooks/timing-safe-equal';

test('hex and base64 round-trip and agree with Buffer', () => {
  for (let i = 0; i < 50; i += 1) {
    const bytes = new Uint8Array(randomBytes(i));
    expect(toHex(bytes)).toBe(Buffer.from(bytes).toString('hex'));
    expect(fromHex(toHex(bytes).toUpperCase())).toEqual(bytes);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  }
});

test('malformed hex and base64 are undefined, not garbage', () => {
  expect(fromHex('abc')).toBeUndefined();
  expect(fromHex('zz')).toBeUndefined();
  expect(fromHex('0g')).toBeUndefined();
  expect(fromBase64('***')).toBeUndefined();
});

test('timingSafeEqual compares content and length', () => {
  expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
  expect(timingSafeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
  expect(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 3]))).toBe(false);
});
