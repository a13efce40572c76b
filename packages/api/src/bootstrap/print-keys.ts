import type { MerchantKeys } from './merchant-keys';

const LABELS: Record<keyof MerchantKeys, string> = {
  secretKey: 'BILLINGOS_SECRET_KEY',
  liveSecretKey: 'BILLINGOS_LIVE_SECRET_KEY',
  publishableKey: 'BILLINGOS_PUBLISHABLE_KEY',
  livePublishableKey: 'BILLINGOS_LIVE_PUBLISHABLE_KEY',
  webhookSecret: 'BILLINGOS_WEBHOOK_SECRET',
};

/** Prints keys generated on this start; they are stored hashed, so this is the only time they are shown. */
export function printGeneratedKeys(keys: Partial<MerchantKeys>): void {
  const lines = (Object.keys(LABELS) as (keyof MerchantKeys)[]).filter((slot) => keys[slot]).map((slot) => `  ${LABELS[slot]}=${keys[slot]}`);
  if (lines.length === 0) return;
  console.log(
    ['', 'BillingOS generated the test merchant\'s keys. They are stored hashed and shown only now: save them (e.g. in .env).', ...lines, ''].join('\n'),
  );
}

/** Says where the keys in use come from when none were generated on this start. */
export function printKeySource(configured: Partial<MerchantKeys>, generated: Partial<MerchantKeys>): void {
  if (Object.keys(generated).length > 0) return;
  const given = (Object.keys(LABELS) as (keyof MerchantKeys)[]).filter((slot) => configured[slot]);
  if (given.length > 0) {
    console.log(`Using ${given.map((slot) => `${LABELS[slot]} (${configured[slot]!.slice(0, 12)}…)`).join(', ')} from the environment.`);
  } else {
    console.log('Using the keys generated on the first start (printed then; only their hashes are stored).');
  }
}
