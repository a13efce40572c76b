import { randomBytes } from 'node:crypto';

/** The test merchant's credentials in plain text; only ever held in memory and printed once. */
export interface MerchantKeys {
  secretKey: string;
  liveSecretKey: string;
  publishableKey: string;
  livePublishableKey: string;
  webhookSecret: string;
}

export const KEY_PREFIXES: Record<keyof MerchantKeys, string> = {
  secretKey: 'sk_test_',
  liveSecretKey: 'sk_live_',
  publishableKey: 'pk_test_',
  livePublishableKey: 'pk_live_',
  webhookSecret: 'whsec_',
};

/** A fresh key of the given slot: its prefix plus 192 random bits (256 for the webhook secret). */
export function generateKey(slot: keyof MerchantKeys): string {
  if (slot === 'webhookSecret') return `whsec_${randomBytes(32).toString('base64')}`;
  return `${KEY_PREFIXES[slot]}${randomBytes(24).toString('base64url')}`;
}

export function generateMerchantKeys(): MerchantKeys {
  return {
    secretKey: generateKey('secretKey'),
    liveSecretKey: generateKey('liveSecretKey'),
    publishableKey: generateKey('publishableKey'),
    livePublishableKey: generateKey('livePublishableKey'),
    webhookSecret: generateKey('webhookSecret'),
  };
}

/** Throws a message naming the variable when a configured key has the wrong prefix. */
export function assertKeyShape(slot: keyof MerchantKeys, value: string, source: string): void {
  const prefix = KEY_PREFIXES[slot];
  if (!value.startsWith(prefix) || value.length < prefix.length + 16) {
    throw new Error(`${source} must start with "${prefix}" followed by at least 16 characters.`);
  }
}
