import { ConfigurationError } from '../errors/ConfigurationError';

/** Refuses a secret key before it is used, or stored, in a browser. */
export function assertNotSecretKey(credential: string): void {
  // Trimmed: a stray space or newline (from an env file) still leaves a working secret key.
  if (credential.trim().startsWith('sk_')) {
    throw new ConfigurationError({
      code: 'secret_key_in_browser',
      message:
        'A secret key (sk_…) was given to the browser SDK. Secret keys must stay on your server: anyone who opens the page could read it and act on all your customers. ' +
        'Create a session route with @billingos/node (createSessionRoute) and pass its URL as sessionTokenUrl, or use a publishable key (pk_…) for the legacy mode.',
    });
  }
}
