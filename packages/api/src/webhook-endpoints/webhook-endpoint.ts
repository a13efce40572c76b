import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { webhookEndpointSchema, webhookEndpointWithSecretSchema } from './webhook-endpoint.schemas';

/** An endpoint as the API answers it, never with its secret (see `webhookEndpointSchema`). */
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

/** What create and rotate-secret answer: the endpoint and its `whsec_…`, shown this once. */
export type WebhookEndpointWithSecret = z.infer<typeof webhookEndpointWithSecretSchema>;

export interface WebhookEndpointRow {
  [column: string]: unknown;
  id: string;
  mode: string;
  url: string;
  description: string | null;
  enabled_events: string[];
  secret: string;
  previous_secret_expires_at: Date | null;
  disabled: boolean;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  const overlap = row.previous_secret_expires_at ? new Date(row.previous_secret_expires_at) : null;
  return {
    id: row.id,
    object: 'webhook_endpoint',
    url: row.url,
    description: row.description,
    enabledEvents: row.enabled_events as WebhookEndpoint['enabledEvents'],
    disabled: row.disabled,
    disabledReason: row.disabled_reason,
    previousSecretExpiresAt: overlap && overlap.getTime() > Date.now() ? overlap.toISOString() : null,
    livemode: row.mode === 'live',
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export function withSecret(row: WebhookEndpointRow): WebhookEndpointWithSecret {
  return { ...toWebhookEndpoint(row), secret: row.secret };
}

/** A fresh `whsec_<base64 of 32 random bytes>`. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
