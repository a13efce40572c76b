import { WebhookVerificationError } from '../errors/webhook-verification-error';
import { timingSafeEqual } from './timing-safe-equal';
import type { SignatureClaim } from './webhook-headers';

/** Whether any candidate signature equals `expected` (each compared in constant time). */
export function assertSignatureMatches(claim: SignatureClaim, expected: Uint8Array): void {
  let matched = false;
  for (const signature of claim.signatures) matched = timingSafeEqual(signature, expected) || matched;
  if (matched) return;
  throw new WebhookVerificationError({
    code: 'signature_mismatch',
    message:
      'No webhook signature matches: check that the secret is this endpoint\'s whsec_… and that the body is passed exactly as received (not re-serialised JSON).',
  });
}

/** Refuses timestamps more than `toleranceSeconds` away from now, in either direction (replays, skew). */
export function assertFresh(claim: SignatureClaim, toleranceSeconds: number, nowSeconds: number): void {
  if (Math.abs(nowSeconds - claim.timestamp) <= toleranceSeconds) return;
  throw new WebhookVerificationError({
    code: 'timestamp_outside_tolerance',
    message: `The webhook timestamp is ${nowSeconds - claim.timestamp} s away from now (tolerance ${toleranceSeconds} s): a replay, or this server's clock is wrong.`,
  });
}
