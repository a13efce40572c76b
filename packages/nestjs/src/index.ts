export { BillingOSModule } from './billingos.module';
export { InjectBillingOS } from './inject-billingos.decorator';
export { OnBillingOSEvent } from './webhooks/on-billingos-event.decorator';
export { BillingOSModuleConfigurationError } from './errors/billingos-module-configuration.error';
export { AuthProvider, BillingOS } from '@billingos/node';
export type { AuthIdentity, BillingOSEvent, CustomerEvent, SubscriptionEvent } from '@billingos/node';
export type {
  BillingOSAuthProvider,
  BillingOSClientOptions,
  BillingOSModuleExtras,
  BillingOSModuleOptions,
  SessionRouteModuleOptions,
  WebhooksModuleOptions,
} from './billingos-module-options';
export type { BillingOSEventFor, BillingOSEventSelector } from './webhooks/on-billingos-event.decorator';
export type { SessionTokenResponse } from './session/session-token-minter';
export type { WebhookReceipt } from './webhooks/webhook-receiver';
export type { BillingOSOptionsFactory } from './billingos-options-factory';
export type { BillingOSModuleAsyncOptions } from './billingos.module-definition';
