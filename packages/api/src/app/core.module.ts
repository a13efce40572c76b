import { Global, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { SessionTokenSigner } from '../session-tokens/session-token-signer';
import { SigningKeyring } from '../session-tokens/signing-keyring';
import { Database } from '../storage/database';
import { Clock } from '../time/clock';
import { EventOutbox } from '../webhooks/event-outbox';
import { API_CONFIG } from './api-config';
import type { ApiConfig } from './api-config';

/** What start-up prepared before Nest runs: open storage, loaded keys, settings. */
export interface CoreDependencies {
  database: Database;
  keyring: SigningKeyring;
  config: ApiConfig;
  /** @default the system clock */
  clock?: Clock;
}

/** The shared services every feature module injects. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(dependencies: CoreDependencies): DynamicModule {
    const providers = [
      { provide: Database, useValue: dependencies.database },
      { provide: SigningKeyring, useValue: dependencies.keyring },
      { provide: API_CONFIG, useValue: dependencies.config },
      { provide: Clock, useValue: dependencies.clock ?? new Clock() },
      SessionTokenSigner,
      EventOutbox,
    ];
    return { module: CoreModule, providers, exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)) };
  }
}
