import { createHmac } from 'node:crypto';

/** The HMAC key of a `whsec_<base64>` secret: the decoded bytes after the prefix. */
export function webhookKey(secret: string): Buffer {
  if (!secret.startsWith('whsec_')) throw new Error('A webhook secret starts with "whsec_".');
  return Buffer.from(secret.slice('whsec_'.length), 'base64');
}

/**
 * The headers of one delivery, signed with each secret (two during a rotation's overlap, the
 * newest first) in both formats: `billingos-signature` (`t=<seconds>,v1=<hex>[,v1=<hex>]`, HMAC
 * of `"<t>.<body>"`) and the Standard Webhooks trio (`webhook-signature: v1,<base64>[ v1,<base64>]`),
 * so any Standard Webhooks library verifies BillingOS events too.
 *
 * @example
 * const headers = signWebhook([endpoint.secret], event.id, body, Math.floor(Date.now() / 1000));
 */
export function signWebhook(secrets: string | readonly string[], eventId: string, body: string, timestampSeconds: number): Record<string, string> {
  const keys = (typeof secrets === 'string' ? [secrets] : secrets).map(webhookKey);
  const billingos = keys.map((key) => `v1=${createHmac('sha256', key).update(`${timestampSeconds}.${body}`).digest('hex')}`);
  const standard = keys.map((key) => `v1,${createHmac('sha256', key).update(`${eventId}.${timestampSeconds}.${body}`).digest('base64')}`);
  return {
    'billingos-signature': `t=${timestampSeconds},${billingos.join(',')}`,
    'webhook-id': eventId,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': standard.join(' '),
  };
}
