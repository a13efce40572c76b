import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { ApiKeyStore } from './api-key-store';
import { CredentialGuard } from './credential.guard';
import { CredentialResolver } from './credential-resolver';
import { CustomerViewResolver } from './customer-view-resolver';
import { MerchantSettings } from './merchant-settings';

/** Credentials: API keys, session tokens and the `/v1/me` customer view. The guard itself is registered by AppModule. */
@Module({
  imports: [CustomersModule],
  providers: [ApiKeyStore, MerchantSettings, CredentialResolver, CustomerViewResolver, CredentialGuard],
  exports: [CredentialGuard, CredentialResolver, CustomerViewResolver],
})
export class AuthModule {}
