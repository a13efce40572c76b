import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Credential } from '../auth/credential';

/**
 * The budget a credential counts against: merchant, mode and kind for API keys (every key of
 * one kind shares it), merchant, mode and customer for session tokens (every token of one
 * customer shares it).
 *
 * @example
 * credentialKey({ kind: 'secret', merchantId: 'mer_1', mode: 'test' }) // 'secret:mer_1:test'
 */
export function credentialKey(credential: Credential): string {
  const scope = `${credential.merchantId}:${credential.mode}`;
  return credential.kind === 'session' ? `session:${scope}:${credential.customerId}` : `${credential.kind}:${scope}`;
}

/**
 * The client's address (`request.ip`: the socket's peer, or, with `TRUST_PROXY`, the address the
 * trusted proxy saw). Long values (a forwarded header can carry anything) are hashed.
 */
export function addressKey(request: Request): string {
  const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
  return `ip:${address.length <= 64 ? address : digest(address)}`;
}

export function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
