import { ConfigurationError } from '../errors/configuration-error';

/** Refuses to run where a secret key would ship to visitors, unless the caller opted in. */
export function assertServerRuntime(dangerouslyAllowBrowser: boolean | undefined): void {
  const isBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (!isBrowser || dangerouslyAllowBrowser === true) return;
  throw new ConfigurationError({
    code: 'browser_not_allowed',
    message:
      '@billingos/node runs on your server: in a browser your secret key would be visible to every visitor. ' +
      'Mint session tokens on your backend and use @billingos/sdk in the browser; ' +
      'pass `dangerouslyAllowBrowser: true` only if this environment is trusted.',
  });
}
