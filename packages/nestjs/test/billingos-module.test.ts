import 'reflect-metadata';
import { BillingOS, isBillingOSError } from '@billingos/node';
import { startTestServer, type TestServer } from '@billingos/api/testing';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BillingOSModule, type BillingOSClientOptions, type BillingOSOptionsFactory, InjectBillingOS } from '../src';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api?.close());

const API_CONFIG = 'API_CONFIG';

@Module({ providers: [{ provide: API_CONFIG, useFactory: () => ({ key: api.secretKey, url: api.url }) }], exports: [API_CONFIG] })
class ApiConfigModule {}

@Injectable()
class BillingOSOptions implements BillingOSOptionsFactory {
  constructor(@Inject(API_CONFIG) private readonly config: { key: string; url: string }) {}
  createBillingOSOptions(): BillingOSClientOptions {
    return { secretKey: this.config.key, apiUrl: this.config.url };
  }
}

@Injectable()
class UsesClient {
  constructor(@InjectBillingOS() readonly viaDecorator: BillingOS, @Inject(BillingOS) readonly viaClass: BillingOS) {}
}

async function clientOf(imports: NonNullable<Parameters<typeof Test.createTestingModule>[0]['imports']>) {
  const moduleRef = await Test.createTestingModule({ imports, providers: [UsesClient] }).compile();
  return moduleRef.get(UsesClient);
}

/** A client is configured for the test API when it can mint a token there. */
async function mintsTokens(billing: BillingOS): Promise<boolean> {
  const token = await billing.createSessionToken({ externalUserId: 'user_module_test' });
  return typeof token.sessionToken === 'string' && token.expiresAt.getTime() > Date.now();
}

describe('BillingOSModule.forRoot', () => {
  it('injects one configured client by class and by @InjectBillingOS()', async () => {
    const { viaClass, viaDecorator } = await clientOf([BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url })]);
    expect(viaClass).toBeInstanceOf(BillingOS);
    expect(viaDecorator).toBe(viaClass);
    await expect(mintsTokens(viaClass)).resolves.toBe(true);
  });

  it('is visible to other modules without importing it when isGlobal is set', async () => {
    @Module({ providers: [UsesClient], exports: [UsesClient] })
    class FeatureModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url, isGlobal: true }), FeatureModule],
    }).compile();
    expect(moduleRef.get(UsesClient).viaClass).toBeInstanceOf(BillingOS);
  });

  it('keeps a feature module without the import from resolving the client when not global', async () => {
    @Module({ providers: [UsesClient] })
    class FeatureModule {}
    const compiling = Test.createTestingModule({
      imports: [BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url }), FeatureModule],
    }).compile();
    await expect(compiling).rejects.toThrow(/BillingOS/);
  });

  it('gives two applications with two configurations two different clients', async () => {
    const good = await clientOf([BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url })]);
    const wrongKey = await clientOf([BillingOSModule.forRoot({ secretKey: 'sk_test_not_a_real_key_0000000000', apiUrl: api.url, maxRetries: 0 })]);
    expect(wrongKey.viaClass).not.toBe(good.viaClass);
    await expect(mintsTokens(good.viaClass)).resolves.toBe(true);
    const failure = await mintsTokens(wrongKey.viaClass).catch((error: unknown) => error);
    expect(isBillingOSError(failure, 'authentication_error')).toBe(true);
  });

  it('gives two feature modules of one application their own differently configured clients', async () => {
    @Injectable()
    class StoreA extends UsesClient {}
    @Injectable()
    class StoreB extends UsesClient {}
    @Module({ imports: [BillingOSModule.forRoot({ secretKey: api.secretKey, apiUrl: api.url })], providers: [StoreA], exports: [StoreA] })
    class FeatureA {}
    @Module({
      imports: [BillingOSModule.forRoot({ secretKey: 'sk_test_other_merchant_key_000000', apiUrl: api.url, maxRetries: 0 })],
      providers: [StoreB],
      exports: [StoreB],
    })
    class FeatureB {}
    const moduleRef = await Test.createTestingModule({ imports: [FeatureA, FeatureB] }).compile();
    const [a, b] = [moduleRef.get(StoreA).viaClass, moduleRef.get(StoreB).viaClass];
    expect(a).not.toBe(b);
    await expect(mintsTokens(a)).resolves.toBe(true);
    expect(isBillingOSError(await mintsTokens(b).catch((error: unknown) => error), 'authentication_error')).toBe(true);
  });
});

describe('client configuration errors', () => {
  it("fails at start-up with the SDK's message when the secret key is malformed", async () => {
    const compiling = Test.createTestingModule({ imports: [BillingOSModule.forRoot({ secretKey: 'pk_test_not_a_secret_key', apiUrl: api.url })] }).compile();
    await expect(compiling).rejects.toThrow(/publishable key/);
  });
});

describe('BillingOSModule.forRootAsync', () => {
  it('builds the client from useFactory with an injected config provider', async () => {
    const { viaClass, viaDecorator } = await clientOf([
      BillingOSModule.forRootAsync({
        imports: [ApiConfigModule],
        inject: [API_CONFIG],
        useFactory: async (config: { key: string; url: string }) => ({ secretKey: config.key, apiUrl: config.url }),
      }),
    ]);
    expect(viaDecorator).toBe(viaClass);
    await expect(mintsTokens(viaClass)).resolves.toBe(true);
  });

  it('builds the client from useClass', async () => {
    const { viaClass } = await clientOf([BillingOSModule.forRootAsync({ imports: [ApiConfigModule], useClass: BillingOSOptions })]);
    await expect(mintsTokens(viaClass)).resolves.toBe(true);
  });

  it('builds the client from useExisting', async () => {
    @Module({ imports: [ApiConfigModule], providers: [BillingOSOptions], exports: [BillingOSOptions] })
    class OptionsModule {}
    const { viaClass } = await clientOf([BillingOSModule.forRootAsync({ imports: [OptionsModule], useExisting: BillingOSOptions })]);
    await expect(mintsTokens(viaClass)).resolves.toBe(true);
  });

  it('honours isGlobal next to the factory', async () => {
    @Module({ providers: [UsesClient], exports: [UsesClient] })
    class FeatureModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [BillingOSModule.forRootAsync({ isGlobal: true, useFactory: () => ({ secretKey: api.secretKey, apiUrl: api.url }) }), FeatureModule],
    }).compile();
    await expect(mintsTokens(moduleRef.get(UsesClient).viaClass)).resolves.toBe(true);
  });
});
