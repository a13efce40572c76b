import { Module } from '@nestjs/common';
import { ConfigurableModuleClass } from './billingos.module-definition';

/**
 * BillingOS for NestJS: the `BillingOS` client as a provider, plus an optional session-token
 * route and webhook endpoint.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     BillingOSModule.forRoot({
 *       secretKey: process.env.BILLINGOS_SECRET_KEY!,
 *       webhookSecret: process.env.BILLINGOS_WEBHOOK_SECRET,
 *       authProvider: RequestUserAuthProvider,
 *       sessionRoute: { path: 'billingos/session' },
 *       webhooks: { path: 'api/billingos-webhooks' },
 *     }),
 *   ],
 *   providers: [BillingEvents],
 * })
 * export class AppModule {}
 * ```
 *
 * @example
 * ```ts
 * BillingOSModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     secretKey: config.getOrThrow('BILLINGOS_SECRET_KEY'),
 *     webhookSecret: config.get('BILLINGOS_WEBHOOK_SECRET'),
 *   }),
 *   isGlobal: true,
 *   webhooks: { path: 'api/billingos-webhooks' },
 * });
 * ```
 */
@Module({})
export class BillingOSModule extends ConfigurableModuleClass {}
