import type { ApiServerOptions } from '../server';
import { SigningKeyring } from '../session-tokens/signing-keyring';
import { assertKeyShape } from './merchant-keys';
import type { MerchantKeys } from './merchant-keys';

/** Refuses a bad configuration before any storage is opened, with a message naming what to fix. */
export function assertValidOptions(options: ApiServerOptions): void {
  for (const [slot, value] of Object.entries(options.keys ?? {}) as [keyof MerchantKeys, string | undefined][]) {
    if (value !== undefined) assertKeyShape(slot, value, slot);
  }
  if (options.signingKeys && options.signingKeys.length > 0) new SigningKeyring(options.signingKeys);
  if (options.databaseUrl && !/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got "${options.databaseUrl.split(':')[0]}:…"`);
  }
  if (options.rateLimit && (options.rateLimit.max < 1 || options.rateLimit.windowMs < 1)) {
    throw new Error('rateLimit.max and rateLimit.windowMs must both be at least 1.');
  }
}
