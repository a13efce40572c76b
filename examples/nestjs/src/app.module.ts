import { BillingOSModule } from '@billingos/nestjs';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DemoSessionGuard } from './auth/demo-session.guard';
import { LoginController } from './auth/login.controller';
import { RequestUserAuthProvider } from './auth/request-user.auth-provider';
import { AiCreditsController } from './billing/ai-credits.controller';
import { BillingController } from './billing/billing.controller';
import { BillingEvents } from './billing/billing-events';

@Module({
  imports: [
    BillingOSModule.forRootAsync({
      useFactory: () => ({
        secretKey: requireEnv('BILLINGOS_SECRET_KEY'),
        apiUrl: process.env.BILLINGOS_API_URL ?? 'http://127.0.0.1:3001',
        webhookSecret: requireEnv('BILLINGOS_WEBHOOK_SECRET'),
      }),
      authProvider: RequestUserAuthProvider,
      sessionRoute: { path: 'api/billingos-session' },
      webhooks: { path: 'api/billingos-webhooks' },
    }),
  ],
  controllers: [LoginController, BillingController, AiCreditsController],
  providers: [BillingEvents, { provide: APP_GUARD, useClass: DemoSessionGuard }],
})
export class AppModule {}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name} (npm start prints the test merchant's keys).`);
  return value;
}
