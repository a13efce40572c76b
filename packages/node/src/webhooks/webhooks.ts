import { WebhookVerificationError } from '../errors/webhook-verification-error';
import { isBillingOSError } from '../errors/is-billing-os-error';
import { toBase64, toHex } from './encoding';
import { defaultCryptoProvider } from './node-crypto-provider';
import { normaliseRawBody } from './raw-body';
import { assertFresh, assertSignatureMatches } from './signature-verifier';
import { readSignatureClaim } from './webhook-headers';
import { decodeWebhookSecret } from './webhook-secret';
import type { CryptoProvider } from './crypto-provider';
import type { RawBody } from './raw-body';
import type { BillingOSEvent } from './webhook-event';
import type { HeadersLike, SignatureClaim } from './webhook-headers';

/** Options of {@link Webhooks}. */
export interface WebhooksOptions {
  /** @default process.env.BILLINGOS_WEBHOOK_SECRET (via `BillingOS`) */
  secret?: string;
  /**
   * Seconds a timestamp may differ from now, either way.
   * @default 300
   */
  tolerance?: number;
  /** @default node:crypto where the runtime has it, else Web Crypto */
  cryptoProvider?: CryptoProvider;
}

/** Per-call overrides of `constructEvent` / `constructEventAsync`. */
export interface VerifyOptions {
  secret?: string;
  tolerance?: number;
  /** The current time in unix seconds (tests). */
  now?: number;
}

/** Parameters of {@link Webhooks.generateTestHeader}. */
export interface TestHeaderParams {
  /** The exact body you will send, as a string (e.g. `JSON.stringify(event)`). */
  payload: string;
  /** @default the instance's secret */
  secret?: string;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** The `webhook-id` of the Standard Webhooks headers. @default a random `msg_…` */
  id?: string;
}

/**
 * Verifies and parses webhook deliveries (`billingos-signature`, or the Standard Webhooks
 * headers). The sync methods use node:crypto; on Edge runtimes use `constructEventAsync`.
 *
 * @example
 * const event = billing.webhooks.constructEvent(req.body, req.headers); // Express + express.raw()
 * if (event.type === 'subscription.canceled') revokeAccess(event.data.customerId);
 */
export class Webhooks {
  readonly #secret: string | undefined;
  readonly #tolerance: number;
  readonly #keys = new Map<string | undefined, Uint8Array>();
  #crypto: CryptoProvider | undefined;

  constructor(options: WebhooksOptions = {}) {
    this.#secret = options.secret;
    this.#tolerance = options.tolerance ?? 300;
    this.#crypto = options.cryptoProvider;
  }

  /**
   * Verifies a delivery synchronously and returns its event; throws `WebhookVerificationError`.
   * @example const event = billing.webhooks.constructEvent(rawBody, request.headers);
   */
  constructEvent(rawBody: RawBody, headersOrSignature: string | HeadersLike, options: VerifyOptions = {}): BillingOSEvent {
    const { key, claim, body } = this.#prepare(rawBody, headersOrSignature, options);
    assertSignatureMatches(claim, this.#provider().hmacSha256(key, [claim.prefix, body]));
    return this.#finish(claim, body, options);
  }

  /**
   * The Web Crypto variant of {@link constructEvent}, for Edge runtimes, Workers and Deno.
   * @example const event = await billing.webhooks.constructEventAsync(await request.text(), request.headers);
   */
  async constructEventAsync(rawBody: RawBody, headersOrSignature: string | HeadersLike, options: VerifyOptions = {}): Promise<BillingOSEvent> {
    const { key, claim, body } = this.#prepare(rawBody, headersOrSignature, options);
    assertSignatureMatches(claim, await this.#provider().hmacSha256Async(key, [claim.prefix, body]));
    return this.#finish(claim, body, options);
  }

  /**
   * `true` when the signature is valid and fresh, `false` otherwise. It still throws for
   * mistakes in your code: a missing secret or an already-parsed body.
   */
  verify(rawBody: RawBody, headersOrSignature: string | HeadersLike, options: VerifyOptions = {}): boolean {
    try {
      this.constructEvent(rawBody, headersOrSignature, options);
      return true;
    } catch (error) {
      if (isBillingOSError(error, 'webhook_verification_error') && error.code !== 'parsed_body') return false;
      throw error;
    }
  }

  /**
   * A valid `billingos-signature` value for `payload`, for your own tests.
   * @example
   * const signature = billing.webhooks.generateTestHeader({ payload: JSON.stringify(event) });
   * await fetch('/webhooks', { method: 'POST', body: payload, headers: { 'billingos-signature': signature } });
   */
  generateTestHeader(params: TestHeaderParams): string {
    const timestamp = params.timestamp ?? nowSeconds();
    const key = this.#key(params.secret);
    return `t=${timestamp},v1=${toHex(this.#provider().hmacSha256(key, [`${timestamp}.`, params.payload]))}`;
  }

  /** All four signature headers (`billingos-signature` and the Standard Webhooks trio) for `payload`. */
  generateTestHeaders(params: TestHeaderParams): Record<string, string> {
    const timestamp = params.timestamp ?? nowSeconds();
    const id = params.id ?? `msg_${crypto.randomUUID().replaceAll('-', '')}`;
    const key = this.#key(params.secret);
    const standard = this.#provider().hmacSha256(key, [`${id}.${timestamp}.`, params.payload]);
    return {
      'billingos-signature': this.generateTestHeader({ ...params, timestamp }),
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': `v1,${toBase64(standard)}`,
    };
  }

  #prepare(rawBody: RawBody, headersOrSignature: string | HeadersLike, options: VerifyOptions) {
    const body = normaliseRawBody(rawBody);
    const key = this.#key(options.secret);
    return { key, claim: readSignatureClaim(headersOrSignature), body };
  }

  #finish(claim: SignatureClaim, body: string | Uint8Array, options: VerifyOptions): BillingOSEvent {
    assertFresh(claim, options.tolerance ?? this.#tolerance, options.now ?? nowSeconds());
    try {
      return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as BillingOSEvent;
    } catch (cause) {
      throw new WebhookVerificationError({ code: 'invalid_payload', cause, message: 'The webhook body is signed but is not JSON.' });
    }
  }

  /** The decoded HMAC key, kept per secret so each verification skips the base64 decode. */
  #key(override: string | undefined): Uint8Array {
    const secret = override ?? this.#secret;
    let key = this.#keys.get(secret);
    if (!key) {
      key = decodeWebhookSecret(secret);
      if (this.#keys.size < 16) this.#keys.set(secret, key);
    }
    return key;
  }

  #provider(): CryptoProvider {
    this.#crypto ??= defaultCryptoProvider();
    return this.#crypto;
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
