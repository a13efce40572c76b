import type { RateLimitOptions } from './app/api-config';
import { generateMerchantKeys } from './bootstrap/merchant-keys';
import { checkResponses, ResponseContract } from './openapi/contract-check';
import { OpenApiDocumentProvider } from './openapi/openapi-document.provider';
import { startApiServer } from './server';
import type { ApiServerOptions } from './server';
import { createScratchDatabase } from './storage/scratch-database';

export interface TestServerOptions {
  /** `postgres://…`: the server runs in a fresh database created next to it and dropped on close; default: in-memory PGlite. */
  databaseUrl?: string;
  /** @default { max: 10_000, windowMs: 60_000 } */
  rateLimit?: RateLimitOptions;
  /** A test-mode webhook endpoint (every event type, signed with `webhookSecret`) created at start. */
  webhookEndpoint?: string;
  /** How often the lifecycle worker runs due transitions. @default 1000 (0: off) */
  lifecycleIntervalMs?: number;
  /**
   * Check every JSON response against `GET /v1/openapi.json` (ajv): a response that breaks the
   * contract answers 500 `contract_violation` with what broke. @default true
   */
  checkContract?: boolean;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `sk_test_…` of the seeded merchant. */
  secretKey: string;
  /** `sk_live_…` of the same merchant. */
  liveSecretKey: string;
  /** `pk_test_…` */
  publishableKey: string;
  /** `whsec_…` */
  webhookSecret: string;
  close(): Promise<void>;
}

/**
 * A real BillingOS API on a free loopback port with fresh storage and a seeded merchant: the
 * peer of every integration test. Start one per test file (a fresh PGlite takes seconds).
 *
 * @example
 * let server: TestServer;
 * beforeAll(async () => { server = await startTestServer(); });
 * afterAll(() => server.close());
 * test('mints', async () => {
 *   const res = await fetch(`${server.url}/v1/session-tokens`, {
 *     method: 'POST',
 *     headers: { Authorization: `Bearer ${server.secretKey}`, 'Content-Type': 'application/json' },
 *     body: JSON.stringify({ externalUserId: 'user_1' }),
 *   });
 *   expect(res.status).toBe(201);
 * });
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const keys = generateMerchantKeys();
  const scratch = options.databaseUrl ? await createScratchDatabase(options.databaseUrl) : undefined;
  const server = await startApiServer({
    port: 0,
    host: '127.0.0.1',
    keys,
    ...(scratch ? { databaseUrl: scratch.url } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.webhookEndpoint ? { webhookEndpoint: options.webhookEndpoint } : {}),
    ...(options.lifecycleIntervalMs !== undefined ? { lifecycleIntervalMs: options.lifecycleIntervalMs } : {}),
    ...(options.checkContract === false ? {} : { configureApp: installContractCheck }),
  });
  return {
    url: server.url,
    secretKey: keys.secretKey,
    liveSecretKey: keys.liveSecretKey,
    publishableKey: keys.publishableKey,
    webhookSecret: keys.webhookSecret,
    close: async () => {
      await server.close();
      await scratch?.drop();
    },
  };
}

/** Every JSON response is checked against the app's own OpenAPI document before it leaves. */
const installContractCheck: NonNullable<ApiServerOptions['configureApp']> = (app) => {
  let contract: ResponseContract | undefined;
  app.use(checkResponses(() => (contract ??= new ResponseContract(app.get(OpenApiDocumentProvider).document))));
};
