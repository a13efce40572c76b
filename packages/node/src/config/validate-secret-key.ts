import { ConfigurationError } from '../errors/configuration-error';

const SECRET_KEY = /^sk_(test|live)_[A-Za-z0-9_-]{8,}$/;

/** Checks the secret key's shape and returns its mode; every failure says what to do. */
export function validateSecretKey(key: string | undefined): 'test' | 'live' {
  if (key === undefined || key === '') {
    throw new ConfigurationError({
      code: 'missing_secret_key',
      message:
        'No BillingOS secret key: pass `new BillingOS({ secretKey: "sk_test_…" })` or set BILLINGOS_SECRET_KEY ' +
        '(a local `billingos-api` prints its test merchant\'s keys at its first start; `npm start` keeps them in .billingos/dev-keys.json).',
    });
  }
  if (key.startsWith('pk_')) {
    throw new ConfigurationError({
      code: 'publishable_key_on_server',
      message:
        'This is a publishable key (pk_…); the server SDK needs your secret key (sk_test_… or sk_live_…). ' +
        'Publishable keys belong in the browser, and only for the legacy read-only view.',
    });
  }
  const match = SECRET_KEY.exec(key);
  if (!match) {
    throw new ConfigurationError({
      code: 'malformed_secret_key',
      message: `The BillingOS secret key "${redact(key)}" is malformed: expected sk_test_… or sk_live_… followed by at least 8 characters. Copy it again from where you saved it.`,
    });
  }
  return match[1] as 'test' | 'live';
}

function redact(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 8)}***`;
}
