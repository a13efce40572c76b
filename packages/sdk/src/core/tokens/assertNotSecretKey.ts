import { ConfigurationError } from '../errors/ConfigurationError';

/**
 * A secret key's prefix: "sk" and an underscore, after any stray whitespace (from an env file).
 * Spelled with a character class, and never written out here or in the message, so no built
 * bundle contains it: a merchant grepping their site's static files for it finds real leaks only.
 */
const SECRET_KEY = /^\s*sk[_]/;

/** Refuses a secret key before it is used, or stored, in a browser. */
export function assertNotSecretKey(credential: string): void {
  if (SECRET_KEY.test(credential)) {
    throw new ConfigurationError({
      code: 'secret_key_in_browser',
      message:
        'A secret key was given to the browser SDK. Secret keys must stay on your server: anyone who opens the page could read it and act on all your customers. ' +
        'Create a session route with @billingos/node (createSessionRoute) and pass its URL as sessionTokenUrl, or use a publishable key (pk_…) for the legacy mode.',
    });
  }
}
