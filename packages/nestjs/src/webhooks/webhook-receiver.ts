import { BillingOS, type BillingOSEvent, type HeadersLike, isBillingOSError } from '@billingos/node';
import { BadRequestException, Inject, Injectable, InternalServerErrorException } from '@nestjs/common';
import type { BillingOSClientOptions, WebhooksModuleOptions } from '../billingos-module-options';
import { BILLINGOS_MODULE_OPTIONS, BILLINGOS_WEBHOOKS_OPTIONS } from '../tokens';
import { RAW_BODY_REQUIRED, readRawBody } from './raw-body';
import { WebhookHandlerRegistry } from './webhook-handler-registry';
import { webhookSecretOf } from './webhook-secret';

/** Verification failures that are this server's fault, not the delivery's: 500, so BillingOS retries once fixed. */
const SERVER_FAULTS = new Set(['parsed_body', 'sync_crypto_unavailable']);

/** What the webhook route answers to a delivery it accepted. */
export interface WebhookReceipt {
  received: true;
  /** How many handlers ran. */
  handlers: number;
}

/** Verifies one delivery and hands its event to the registered handlers. */
@Injectable()
export class WebhookReceiver {
  readonly #billing: BillingOS;
  readonly #secret: string | undefined;
  readonly #tolerance: number | undefined;
  readonly #handlers: WebhookHandlerRegistry;

  constructor(
    @Inject(BillingOS) billing: BillingOS,
    @Inject(BILLINGOS_MODULE_OPTIONS) options: BillingOSClientOptions,
    @Inject(BILLINGOS_WEBHOOKS_OPTIONS) webhooks: WebhooksModuleOptions,
    @Inject(WebhookHandlerRegistry) handlers: WebhookHandlerRegistry,
  ) {
    this.#billing = billing;
    this.#secret = webhookSecretOf(options);
    this.#tolerance = webhooks.tolerance;
    this.#handlers = handlers;
  }

  /** 400 for a missing, malformed, forged or stale signature, and then no handler runs. */
  async receive(request: unknown): Promise<WebhookReceipt> {
    const payload = await readRawBody(request);
    if (payload === undefined) {
      throw new InternalServerErrorException({ error: { type: 'api_error', code: 'raw_body_unavailable', message: RAW_BODY_REQUIRED } });
    }
    const event = this.#verify(payload, headersOf(request));
    return { received: true, handlers: await this.#handlers.dispatch(event) };
  }

  #verify(payload: Uint8Array | string, headers: HeadersLike): BillingOSEvent {
    try {
      return this.#billing.webhooks.constructEvent(payload, headers, { secret: this.#secret, tolerance: this.#tolerance });
    } catch (error) {
      if (!isBillingOSError(error, 'webhook_verification_error')) throw error;
      if (SERVER_FAULTS.has(error.code ?? '')) {
        throw new InternalServerErrorException({ error: { type: 'api_error', code: error.code, message: error.message } });
      }
      throw new BadRequestException({ error: { type: 'invalid_request_error', code: error.code, message: error.message } });
    }
  }
}

/** `billingos-signature`, or the Standard Webhooks headers: the SDK reads either. */
function headersOf(request: unknown): HeadersLike {
  return (request as { headers?: Record<string, string | string[] | undefined> }).headers ?? {};
}
