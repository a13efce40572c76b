import { BillingOS, isBillingOSError } from '@billingos/node';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { BillingOSClientOptions, WebhooksModuleOptions } from '../billingos-module-options';
import { BillingOSModuleConfigurationError } from '../errors/billingos-module-configuration.error';
import { BILLINGOS_MODULE_OPTIONS, BILLINGOS_WEBHOOKS_OPTIONS } from '../tokens';
import { expressParserKeepsRawBody } from './express-raw-body-probe';
import { RAW_BODY_REQUIRED } from './raw-body';
import { webhookSecretOf } from './webhook-secret';

/**
 * Fails `app.init()` / `app.listen()` when webhooks cannot work, so a misconfiguration shows at
 * deploy time rather than as a 500 to the first delivery.
 */
@Injectable()
export class WebhookStartupCheck implements OnModuleInit, OnApplicationBootstrap {
  readonly #billing: BillingOS;
  readonly #options: BillingOSClientOptions;
  readonly #webhooks: WebhooksModuleOptions;
  readonly #adapterHost: HttpAdapterHost;

  constructor(
    @Inject(BillingOS) billing: BillingOS,
    @Inject(BILLINGOS_MODULE_OPTIONS) options: BillingOSClientOptions,
    @Inject(BILLINGOS_WEBHOOKS_OPTIONS) webhooks: WebhooksModuleOptions,
    @Inject(HttpAdapterHost) adapterHost: HttpAdapterHost,
  ) {
    this.#billing = billing;
    this.#options = options;
    this.#webhooks = webhooks;
    this.#adapterHost = adapterHost;
  }

  onModuleInit(): void {
    const secret = webhookSecretOf(this.#options);
    if (!secret) {
      throw new BillingOSModuleConfigurationError(
        `BillingOSModule serves webhooks at "${this.#webhooks.path}" but has no webhookSecret: pass ` +
          '`webhookSecret` (the `whsec_…` of your BillingOS webhook endpoint) to forRoot(), return it from forRootAsync(), ' +
          'or set BILLINGOS_WEBHOOK_SECRET.',
      );
    }
    this.#assertUsable(secret);
  }

  /** Signing a sample with the secret is how the SDK tells a malformed one, without a delivery. */
  #assertUsable(secret: string): void {
    try {
      this.#billing.webhooks.generateTestHeader({ payload: '{}', secret });
    } catch (error) {
      if (!isBillingOSError(error)) throw error;
      throw new BillingOSModuleConfigurationError(`BillingOSModule's webhookSecret is unusable: ${error.message}`, { cause: error });
    }
  }

  /** Body parsers are registered by now; only Express's can be asked (Fastify fails at the first delivery). */
  async onApplicationBootstrap(): Promise<void> {
    const adapter = this.#adapterHost.httpAdapter;
    if (adapter?.getType() !== 'express') return;
    if ((await expressParserKeepsRawBody(adapter.getInstance())) === false) {
      throw new BillingOSModuleConfigurationError(RAW_BODY_REQUIRED);
    }
  }
}
