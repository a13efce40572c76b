import { ConfigurationError } from '../errors/configuration-error';
import { fromBase64 } from './encoding';

const PREFIX = 'whsec_';

/** The HMAC key of a `whsec_<base64>` secret: the decoded bytes after the prefix. */
export function decodeWebhookSecret(secret: string | undefined): Uint8Array {
  if (secret === undefined || secret === '') {
    throw new ConfigurationError({
      code: 'missing_webhook_secret',
      message:
        'No webhook secret: pass `new BillingOS({ webhookSecret: "whsec_…" })` (or `new Webhooks({ secret })`) or set BILLINGOS_WEBHOOK_SECRET; it is shown where you created the webhook endpoint.',
    });
  }
  const key = secret.startsWith(PREFIX) ? fromBase64(secret.slice(PREFIX.length)) : undefined;
  if (!key || key.length === 0) {
    throw new ConfigurationError({
      code: 'malformed_webhook_secret',
      message: 'The webhook secret is malformed: expected "whsec_" followed by base64, as shown for your webhook endpoint.',
    });
  }
  return key;
}
