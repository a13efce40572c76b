import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule } from '../auth/auth.module';
import { CredentialGuard } from '../auth/credential.guard';
import { CustomersModule } from '../customers/customers.module';
import { ApiExceptionFilter } from '../errors/api-exception.filter';
import { IdempotencyInterceptor } from '../idempotency/idempotency.interceptor';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { HealthController } from '../health/health.controller';
import { EntitlementsModule } from '../entitlements/entitlements.module';
import { MeModule } from '../me/me.module';
import { ProductsModule } from '../products/products.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { SessionTokensModule } from '../session-tokens/session-tokens.module';
import { TestClocksModule } from '../test-clocks/test-clocks.module';
import { PaymentsModule } from '../payments/payments.module';
import { InvoicesModule } from '../invoices/invoices.module';
import { CheckoutModule } from '../checkout/checkout.module';
import { UsageModule } from '../usage/usage.module';
import { LifecycleModule } from '../lifecycle/lifecycle.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { WebhookEndpointsModule } from '../webhook-endpoints/webhook-endpoints.module';
import { EventsModule } from '../events/events.module';
import { OpenApiModule } from '../openapi/openapi.module';
import { CoreModule } from './core.module';
import type { CoreDependencies } from './core.module';
import { captureApiSchemas } from '../openapi/api-schemas';

// Every module above has defined its schemas by now: these named schemas are the API's.
captureApiSchemas();

/** The whole API. Guards run in the order listed. */
@Module({})
export class AppModule {
  static forRoot(dependencies: CoreDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(dependencies), AuthModule, RateLimitModule, IdempotencyModule, CustomersModule, SessionTokensModule, ProductsModule, SubscriptionsModule, EntitlementsModule, MeModule, WebhooksModule, LifecycleModule, TestClocksModule, UsageModule, WebhookEndpointsModule, EventsModule, PaymentsModule, InvoicesModule, CheckoutModule, OpenApiModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: CredentialGuard },
        { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
      ],
    };
  }
}
