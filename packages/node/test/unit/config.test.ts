import { BillingOS, ConfigurationError, FetchTransport, ResolvedConfig, RetryPolicy, Transport, inject, injectable, tokenOf, VERSION } from '@billingos/node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY = 'sk_test_0123456789abcdef';
const ENV = ['BILLINGOS_SECRET_KEY', 'BILLINGOS_API_URL', 'BILLINGOS_WEBHOOK_SECRET'] as const;
const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

function configOf(billing: BillingOS): ResolvedConfig {
  return billing.container.resolve(tokenOf(ResolvedConfig));
}

function codeOf(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).code;
  }
  throw new Error('expected a ConfigurationError');
}

test('a missing key says where to put it', () => {
  delete process.env.BILLINGOS_SECRET_KEY;
  expect(codeOf(() => new BillingOS())).toBe('missing_secret_key');
  expect(() => new BillingOS()).toThrow(/BILLINGOS_SECRET_KEY/);
});

test('a publishable key explains that the secret key is needed on the server', () => {
  expect(codeOf(() => new BillingOS({ secretKey: 'pk_test_0123456789' }))).toBe('publishable_key_on_server');
  expect(() => new BillingOS({ secretKey: 'pk_live_0123456789' })).toThrow(/secret key \(sk_test_… or sk_live_…\)/);
});

test.each(['sk_prod_0123456789', 'sk_test_short', 'whsec_abcdefghij', 'Bearer sk_test_0123456789'])('a malformed key %p is refused without echoing it', (key) => {
  expect(codeOf(() => new BillingOS({ secretKey: key }))).toBe('malformed_secret_key');
  expect(() => new BillingOS({ secretKey: key })).not.toThrow(key.slice(8));
});

test('environment variables fill what the config leaves out', () => {
  process.env.BILLINGOS_SECRET_KEY = 'sk_live_fromtheenvironment';
  process.env.BILLINGOS_API_URL = 'http://127.0.0.1:9/';
  process.env.BILLINGOS_WEBHOOK_SECRET = 'whsec_c2VjcmV0';
  expect(configOf(new BillingOS())).toMatchObject({
    secretKey: 'sk_live_fromtheenvironment',
    apiUrl: 'http://127.0.0.1:9',
    webhookSecret: 'whsec_c2VjcmV0',
    mode: 'live',
    timeout: 30_000,
    maxRetries: 2,
  });
  expect(configOf(new BillingOS({ secretKey: KEY, apiUrl: 'http://x.test' }))).toMatchObject({ secretKey: KEY, apiUrl: 'http://x.test', mode: 'test' });
});

test.each([
  [{ apiUrl: 'not a url' }, 'invalid_api_url'],
  [{ timeout: 0 }, 'invalid_timeout'],
  [{ maxRetries: -1 }, 'invalid_maxRetries'],
])('invalid option %p', (options, code) => {
  expect(codeOf(() => new BillingOS({ secretKey: KEY, ...options }))).toBe(code);
});

describe('in a browser', () => {
  const globals = globalThis as { window?: unknown; document?: unknown };
  beforeEach(() => {
    globals.window = {};
    globals.document = {};
  });
  afterEach(() => {
    delete globals.window;
    delete globals.document;
  });

  test('construction is refused unless dangerouslyAllowBrowser is set', () => {
    expect(codeOf(() => new BillingOS({ secretKey: KEY }))).toBe('browser_not_allowed');
    expect(() => new BillingOS({ secretKey: KEY, dangerouslyAllowBrowser: true })).not.toThrow();
  });
});

test('each instance owns its container: defaults, overrides, nothing in the global container', async () => {
  const { container } = await import('tsyringe');
  class Quiet extends RetryPolicy {
    nextDelay(): null {
      return null;
    }
  }
  const a = new BillingOS({ secretKey: KEY });
  const b = new BillingOS({ secretKey: 'sk_live_0123456789abcdef', retryPolicy: Quiet });
  expect(a.container).not.toBe(b.container);
  expect(a.container.resolve(tokenOf(Transport))).toBeInstanceOf(FetchTransport);
  expect(b.container.resolve(tokenOf(RetryPolicy))).toBeInstanceOf(Quiet);
  expect(b.container.resolve(tokenOf(RetryPolicy))).toBe(b.container.resolve(tokenOf(RetryPolicy)));
  expect(configOf(a).mode).toBe('test');
  expect(configOf(b).mode).toBe('live');
  expect(container.isRegistered(tokenOf(Transport))).toBe(false);
  expect(container.isRegistered(tokenOf(ResolvedConfig))).toBe(false);
});

test('a provider class gets its dependencies from the instance container through @inject', () => {
  @injectable()
  class ModeAwareTransport extends Transport {
    readonly mode: string;

    constructor(@inject(ResolvedConfig) config: ResolvedConfig) {
      super();
      this.mode = config.mode;
    }

    send(request: Request): Promise<Response> {
      return fetch(request);
    }
  }
  const live = new BillingOS({ secretKey: 'sk_live_0123456789abcdef', transport: ModeAwareTransport });
  const test = new BillingOS({ secretKey: KEY, transport: ModeAwareTransport });
  expect((live.container.resolve(tokenOf(Transport)) as ModeAwareTransport).mode).toBe('live');
  expect((test.container.resolve(tokenOf(Transport)) as ModeAwareTransport).mode).toBe('test');
});

test('VERSION matches package.json (it is sent in the User-Agent)', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
