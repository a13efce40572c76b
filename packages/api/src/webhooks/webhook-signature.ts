import { createHmac } from 'node:crypto';

/** The HMAC key of a `whsec_<base64>` secret: the decoded bytes after the prefix. */
export function webhookKey(secret: string): Buffer {
  if (!secret.startsWith('whsec_')) throw new Error('A webhook secret starts with "whsec_".');
  return Buffer.from(secret.slice('whsec_'.length), 'base64');
}

/**
 * The headers of one delivery, signed twice with the same key: `billingos-signature`
 * (`t=<seconds>,v1=<hex HMAC of "<t>.<body>">`) and the Standard Webhooks trio, so any
 * Standard Webhooks library verifies BillingOS events too.
 */
export function signWebhook(secret: string, eventId: string, body: string, timestampSeconds: number): Record<string, string> {
  const key = webhookKey(secret);
  const billingos = createHmac('sha256', key).update(`${timestampSeconds}.${body}`).digest('hex');
  const standard = createHmac('sha256', key).update(`${eventId}.${timestampSeconds}.${body}`).digest('base64');
  return {
    'billingos-signature': `t=${timestampSeconds},v1=${billingos}`,
    'webhook-id': eventId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': `v1,${standard}`,
  };
}
