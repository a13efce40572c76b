import type { CredentialKind } from '../auth/credential';

/** The three credentials of `Authorization: Bearer …`, and the header that names a customer for a publishable key. */
export const SECURITY_SCHEMES = {
  secretKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sk_test_… / sk_live_…',
    description: 'Your secret key: server only, full access to your data in its mode. Never send it from a browser.',
  },
  sessionToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "A session token your server minted with POST /v1/session-tokens: one customer's view, limited to its allowedOperations.",
  },
  publishableKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'pk_test_… / pk_live_…',
    description: 'Legacy frontend mode: reads products, and the read-only /v1/me view of the customer named in BillingOS-Customer.',
  },
  checkoutClientSecret: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cs_…_secret_…',
    description: "A checkout session's clientSecret (or `clientSecret` in the body): it shows and confirms that one session, from the buyer's browser.",
  },
  customerHeader: {
    type: 'apiKey',
    in: 'header',
    name: 'BillingOS-Customer',
    description: "With a publishable key: the customer whose /v1/me view to read (its id or your user's id).",
  },
} as const;

const SCHEME_OF: Record<CredentialKind, keyof typeof SECURITY_SCHEMES> = { secret: 'secretKey', session: 'sessionToken', publishable: 'publishableKey' };

/**
 * The security requirements of a route from its `@Allow` kinds: any one of them; a publishable key
 * on a `/v1/me*` route also names the customer. A public route needs none, or the scheme it names.
 */
export function securityOf(kinds: readonly CredentialKind[], customerView: boolean, isPublic: boolean | keyof typeof SECURITY_SCHEMES): Array<Record<string, string[]>> {
  if (typeof isPublic === 'string') return [{ [isPublic]: [] }];
  if (isPublic) return [];
  return kinds.map((kind) => (kind === 'publishable' && customerView ? { publishableKey: [], customerHeader: [] } : { [SCHEME_OF[kind]]: [] }));
}
