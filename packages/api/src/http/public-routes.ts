/** Routes a session token or publishable key may call, so browsers may reach them from any origin. */
const PUBLIC_ROUTES: ReadonlyArray<{ path: RegExp; methods: readonly string[] }> = [
  { path: /^\/health$/, methods: ['GET'] },
  { path: /^\/v1\/openapi\.json$/, methods: ['GET'] },
  { path: /^\/v1\/products(\/[^/]+)?$/, methods: ['GET'] },
  { path: /^\/v1\/me$/, methods: ['GET'] },
  { path: /^\/v1\/me\/entitlements$/, methods: ['GET'] },
  { path: /^\/v1\/me\/entitlements\/check$/, methods: ['POST'] },
  { path: /^\/v1\/me\/subscriptions$/, methods: ['GET', 'POST'] },
  { path: /^\/v1\/me\/subscriptions\/[^/]+$/, methods: ['GET', 'PATCH'] },
  { path: /^\/v1\/me\/subscriptions\/[^/]+\/cancel$/, methods: ['POST'] },
  { path: /^\/v1\/me\/payment-methods$/, methods: ['GET'] },
  { path: /^\/v1\/me\/invoices$/, methods: ['GET'] },
  { path: /^\/v1\/me\/checkout-sessions$/, methods: ['POST'] },
  { path: /^\/v1\/checkout-sessions\/[^/]+\/confirm$/, methods: ['POST'] },
  { path: /^\/v1\/me\/payment-methods\/[^/]+$/, methods: ['DELETE'] },
  { path: /^\/v1\/me\/payment-methods\/[^/]+\/default$/, methods: ['POST'] },
];

/** The methods a browser may use on `path`; empty for secret-key-only routes. */
export function publicMethodsFor(path: string): readonly string[] {
  return PUBLIC_ROUTES.find((route) => route.path.test(path))?.methods ?? [];
}
