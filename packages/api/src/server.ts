import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { RateLimitOptions } from './app/api-config';
import { AppModule } from './app/app.module';
import { seedMerchant } from './bootstrap/seed-merchant';
import type { LegacyPublishableView } from './bootstrap/seed-merchant';
import { assertValidOptions } from './bootstrap/assert-valid-options';
import type { MerchantKeys } from './bootstrap/merchant-keys';
import { cors } from './http/cors';
import { answerClientError } from './http/client-error';
import { jsonBody } from './http/json-body';
import { serveDocs } from './openapi/docs';
import { refuseNulInUrl } from './http/refuse-nul';
import { assignRequestId } from './http/request-id';
import { SigningKeyring } from './session-tokens/signing-keyring';
import { Clock } from './time/clock';
import type { SigningKeyInput } from './session-tokens/signing-keyring';
import { openMigratedDatabase } from './storage/open-migrated-database';
import { proxyHops } from './rate-limit/trust-proxy';
import type { TrustProxy } from './rate-limit/trust-proxy';
import { PGliteDatabase } from './storage/pglite-database';
import type { Database } from './storage/database';

/** How to run the API; every field has a default suited to local development. */
export interface ApiServerOptions {
  /** @default 3001 (0 picks a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** `postgres://…` uses PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite data folder. @default in memory */
  dataDir?: string;
  /** The test merchant's keys; those missing are generated on first start. */
  keys?: Partial<MerchantKeys>;
  /** Session-token signing keys, first one signs. @default generated and persisted */
  signingKeys?: SigningKeyInput[];
  /** @default { max: 10_000, windowMs: 60_000 } */
  rateLimit?: RateLimitOptions;
  /**
   * A test-mode webhook endpoint for every event type, signed with the merchant's webhook secret,
   * created or updated at start (`BILLINGOS_WEBHOOK_URL`). Endpoints are otherwise managed through
   * `/v1/webhook-endpoints`. @default none
   */
  webhookEndpoint?: string;
  /** How often the lifecycle worker runs due renewals, trial ends and cancellations. @default 1000 (0: off) */
  lifecycleIntervalMs?: number;
  /**
   * The URL buyers reach this API at (behind a proxy, your public origin), for checkout pages and
   * hosted invoices. @default the address it listens on
   */
  publicUrl?: string;
  /**
   * How long a renewal's charge attempt, once started by a node, keeps other nodes from retrying
   * it; after a node died mid-charge, another retries with the same idempotency key, so the
   * provider answers with the first charge instead of charging again (`BILLINGOS_CHARGE_LEASE_MS`).
   * @default 60_000
   */
  chargeLeaseMs?: number;
  /** The API's time source (tests move time with a `ManualClock`). @default the system clock */
  clock?: Clock;
  /**
   * Whether publishable keys (with a `BillingOS-Customer` header) may read `/v1/me*`: `'test'` in
   * test mode only, `true` in live mode too (anyone holding the public key could then read a
   * customer by a guessable id), `false` never. @default 'test'
   */
  legacyPublishableView?: LegacyPublishableView;
  /** Nest's logger. @default false */
  logger?: boolean;
  /**
   * Believe `X-Forwarded-For` for the client's address (rate limits per address): `true` for one
   * proxy in front (a load balancer), a number for that many. @default false (the header is ignored)
   */
  trustProxy?: TrustProxy;
  /**
   * Called when embedded storage dies under the server (the PGlite worker crashed): nothing can
   * be served any more. The bin logs and exits so a supervisor restarts it.
   * @default log the error; requests answer 503 until the server is restarted
   */
  onStorageCrash?: (error: Error) => void;
  /** Runs before the routes are registered, after the API's own middleware (tests install checks here). @default none */
  configureApp?: (app: INestApplication) => void;
}

/** A running API. */
export interface ApiServer {
  url: string;
  database: Database;
  /** Keys this start generated (print them: only their hashes are stored). */
  generatedKeys: Partial<MerchantKeys>;
  webhookSecret: string;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 10_000, windowMs: 60_000 };

/**
 * Opens storage, migrates it, seeds the test merchant and serves the API.
 *
 * @example
 * const server = await startApiServer({ port: 3001, dataDir: '.billingos/data' });
 * console.log(server.url);
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  assertValidOptions(options);
  const trustProxy = proxyHops(options.trustProxy);
  const database = await openMigratedDatabase(options);
  if (database instanceof PGliteDatabase) database.onCrash(options.onStorageCrash ?? logStorageCrash);
  let app: NestExpressApplication | undefined;
  try {
    const seed = await seedMerchant(database, { keys: options.keys, legacyPublishableView: options.legacyPublishableView });
    const keyring = await SigningKeyring.load(database, options.signingKeys);
    const config = {
      rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
      webhookEndpoint: options.webhookEndpoint,
      lifecycleIntervalMs: options.lifecycleIntervalMs ?? 1000,
      publicUrl: options.publicUrl ?? `http://${options.host ?? '127.0.0.1'}:${options.port ?? 3001}`,
      chargeLeaseMs: options.chargeLeaseMs ?? 60_000,
    };
    const clock = options.clock ?? new Clock();
    app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ database, keyring, config, clock }), {
      bodyParser: false,
      logger: options.logger ? ['warn', 'error'] : false,
    });
    app.disable('x-powered-by');
    app.set('trust proxy', trustProxy);
    app.set('etag', false);
    app.use(assignRequestId, cors, jsonBody, refuseNulInUrl, serveDocs(app));
    options.configureApp?.(app);
    app.getHttpServer().on('clientError', answerClientError);
    await app.listen(options.port ?? 3001, options.host ?? '127.0.0.1');
    const running = app;
    const url = urlOf(running.getHttpServer().address() as AddressInfo);
    config.publicUrl = options.publicUrl ?? url;
    return {
      url,
      database,
      generatedKeys: seed.generated,
      webhookSecret: seed.webhookSecret,
      close: async () => {
        await running.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close();
    throw error;
  }
}

function logStorageCrash(error: Error): void {
  console.error(`BillingOS API: ${error.message} Every request now answers 503: restart the server (the data folder is intact).`);
}

/** A URL a client on this machine can call (wildcard addresses become loopback). */
function urlOf({ address, family, port }: AddressInfo): string {
  if (address === '0.0.0.0' || address === '::') return `http://127.0.0.1:${port}`;
  return family === 'IPv6' ? `http://[${address}]:${port}` : `http://${address}:${port}`;
}
