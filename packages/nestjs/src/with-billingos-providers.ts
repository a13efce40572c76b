import type { DynamicModule, Provider, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BillingOS } from '@billingos/node';
import { billingOSClientProvider } from './billingos-client.provider';
import type { BillingOSAuthProvider, BillingOSModuleExtras } from './billingos-module-options';
import { BillingOSModuleConfigurationError } from './errors/billingos-module-configuration.error';
import { createSessionTokenController } from './session/session-token.controller';
import { SessionTokenMinter } from './session/session-token-minter';
import { BILLINGOS_AUTH_PROVIDER, BILLINGOS_SESSION_ROUTE_OPTIONS, BILLINGOS_WEBHOOKS_OPTIONS } from './tokens';
import { createWebhookController } from './webhooks/webhook.controller';
import { WebhookHandlerRegistry } from './webhooks/webhook-handler-registry';
import { WebhookReceiver } from './webhooks/webhook-receiver';
import { WebhookStartupCheck } from './webhooks/webhook-startup-check';

/** Completes the generated module: the client, and the routes the extras ask for. */
export function withBillingOSProviders(definition: DynamicModule, extras: BillingOSModuleExtras): DynamicModule {
  const parts = [sessionRoutePart(extras), webhooksPart(extras)];
  return {
    ...definition,
    global: extras.isGlobal,
    imports: [...(definition.imports ?? []), ...(extras.imports ?? []), ...parts.flatMap((part) => part.imports)],
    providers: [...(definition.providers ?? []), billingOSClientProvider, ...parts.flatMap((part) => part.providers)],
    controllers: parts.flatMap((part) => part.controllers),
    exports: [BillingOS],
  };
}

interface ModulePart {
  imports: NonNullable<DynamicModule['imports']>;
  providers: Provider[];
  controllers: Type<unknown>[];
}

function sessionRoutePart({ sessionRoute, authProvider }: BillingOSModuleExtras): ModulePart {
  if (!sessionRoute) return { imports: [], providers: [], controllers: [] };
  if (!authProvider) {
    throw new BillingOSModuleConfigurationError(
      `BillingOSModule mounts a session route at "${sessionRoute.path}" but has no authProvider to tell who is logged in: ` +
        'pass `authProvider: YourAuthProvider` (a class extending AuthProvider) next to `sessionRoute`.',
    );
  }
  return {
    imports: [],
    providers: [authProviderProvider(authProvider), { provide: BILLINGOS_SESSION_ROUTE_OPTIONS, useValue: sessionRoute }, SessionTokenMinter],
    controllers: [createSessionTokenController(sessionRoute.path, sessionRoute.guards)],
  };
}

function webhooksPart({ webhooks }: BillingOSModuleExtras): ModulePart {
  if (!webhooks) return { imports: [], providers: [], controllers: [] };
  return {
    imports: [DiscoveryModule],
    providers: [{ provide: BILLINGOS_WEBHOOKS_OPTIONS, useValue: webhooks }, WebhookHandlerRegistry, WebhookReceiver, WebhookStartupCheck],
    controllers: [createWebhookController(webhooks.path)],
  };
}

function authProviderProvider(authProvider: BillingOSAuthProvider): Provider {
  return typeof authProvider === 'function'
    ? { provide: BILLINGOS_AUTH_PROVIDER, useClass: authProvider }
    : { provide: BILLINGOS_AUTH_PROVIDER, useValue: authProvider };
}
