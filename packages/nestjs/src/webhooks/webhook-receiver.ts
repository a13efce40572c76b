import { BillingOS, type BillingOSEvent, type HeadersLike, isBillingOSError } from '@billingos/node';
import {
  BadRequestException,
  Inject,
  Injectable,
  InternalServerErrorException,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { BillingOSClientOptions, WebhooksModuleOptions } from '../billingos-module-options';
import { BillingOSModuleConfigurationError } from '../errors/billingos-module-configuration.error';
import { BILLINGOS_MODULE_OPTIONS, BILLINGOS_WEBHOOKS_OPTIONS } from '../tokens';
import { expressParserKeepsRawBody } from './express-raw-body-probe';
import { readRawBody } from './raw-body';
import { WebhookHandlerRegistry } from './webhook-handler-registry';

const RAW_BODY_FIX =
  'BillingOS webhooks need the exact request bytes to check their signature: create the app with ' +
  '`NestFactory.create(AppModule, { rawBody: true })` (in tests: `moduleRef.createNestApplication({ rawBody: true })`).';

/** Verifies one delivery and hands its event to the registered handlers. */
@Injectable()
export class WebhookReceiver implements OnModuleInit, OnApplicationBootstrap {
  readonly #billing: BillingOS;
  readonly #options: BillingOSClientOptions;
  readonly #webhooks: WebhooksModuleOptions;
  readonly #handlers: WebhookHandlerRegistry;
  readonly #adapterHost: HttpAdapterHost;

  constructor(
    @Inject(BillingOS) billing: BillingOS,
    @Inject(BILLINGOS_MODULE_OPTIONS) options: BillingOSClientOptions,
    @Inject(BILLINGOS_WEBHOOKS_OPTIONS) webhooks: WebhooksModuleOptions,
    @Inject(WebhookHandlerRegistry) handlers: WebhookHandlerRegistry,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
  ) {
    this.#billing = billing;
    this.#options = options;
    this.#webhooks = webhooks;
    this.#handlers = handlers;
    this.#adapterHost = adapterHost;
  }

  onModuleInit(): void {
    if (!this.#secret) {
      throw new BillingOSModuleConfigurationError(
        `BillingOSModule serves webhooks at "${this.#webhooks.path}" but has no webhookSecret: pass ` +
          '`webhookSecret` (the `whsec_…` of your BillingOS webhook endpoint) to forRoot(), return it from forRootAsync(), ' +
          'or set BILLINGOS_WEBHOOK_SECRET.',
      );
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const adapter = this.#adapterHost?.httpAdapter;
    if (!adapter || adapter.getType() !== 'express') return;
    if ((await expressParserKeepsRawBody(adapter.getInstance())) === false) {
      throw new BillingOSModuleConfigurationError(RAW_BODY_FIX);
    }
  }

  get #secret(): string | undefined {
    return this.#options.webhookSecret ?? process.env.BILLINGOS_WEBHOOK_SECRET;
  }

  /** 400 for a missing, forged or stale signature (no handler runs); the handlers' count otherwise. */
  async receive(request: unknown): Promise<{ received: true; handlers: number }> {
    const payload = await readRawBody(request);
    if (payload === undefined) throw new InternalServerErrorException(errorBody('api_error', 'raw_body_unavailable', RAW_BODY_FIX));
    const event = this.#verify(payload, headersOf(request));
    return { received: true, handlers: await this.#handlers.dispatch(event) };
  }

  #verify(payload: Uint8Array | string, headers: HeadersLike): BillingOSEvent {
    try {
      return this.#billing.webhooks.constructEvent(payload, headers, { secret: this.#secret, tolerance: this.#webhooks.tolerance });
    } catch (error) {
      if (!isBillingOSError(error, 'webhook_verification_error')) throw error;
      throw new BadRequestException(errorBody('invalid_request_error', error.code ?? 'webhook_signature_invalid', error.message));
    }
  }
}

/** `billingos-signature`, or the Standard Webhooks headers: the SDK reads either. */
function headersOf(request: unknown): HeadersLike {
  return (request as { headers?: Record<string, string | string[] | undefined> }).headers ?? {};
}

function errorBody(type: string, code: string, message: string) {
  return { error: { type, code, message } };
}
