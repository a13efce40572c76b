// Shared classes come through the main entry, so both entries' types name the same `BillingOS`.
import { AuthProvider, BillingOS, FunctionAuthProvider } from '../../index';
import { toNodeHandler } from '../../session-route/node-adapter';
import { sessionRoute } from '../../session-route/session-route';
import type { ExtractUser, SessionHandler, SessionRoute, SessionRouteOptions } from '../../index';

/** Where the route gets its BillingOS client, plus the route's own options. */
export interface SessionRouteConfig extends SessionRouteOptions {
  /** An existing client; otherwise one is built (on the first request) from `secretKey` / `apiUrl` or the environment. */
  billingos?: BillingOS;
  /** @default process.env.BILLINGOS_SECRET_KEY */
  secretKey?: string;
  /** @default process.env.BILLINGOS_API_URL */
  apiUrl?: string;
}

/**
 * A Web-standard session route for any auth: `(Request) => Promise<Response>`.
 * 200 `{ sessionToken, expiresAt }`, 401 when `auth` finds nobody, a generic JSON error with
 * the BillingOS request id when BillingOS fails or the route is misconfigured (the server log
 * says what to fix); always `Cache-Control: no-store`. Next's `redirect()`, `notFound()` and
 * prerender signals thrown by `auth` are re-thrown untouched.
 *
 * @example
 * // app/api/billingos-session/route.ts (Next.js App Router)
 * import { createSessionRoute } from '@billingos/node/helpers/generic';
 * export const GET = createSessionRoute({}, async (request) => {
 *   const user = await getUserFromCookie(request.headers.get('cookie'));
 *   return user ? { userId: user.id } : null;
 * });
 */
export function createSessionRoute(config: SessionRouteConfig, auth: AuthProvider | ExtractUser): SessionRoute {
  const provider = auth instanceof AuthProvider || typeof auth !== 'function' ? auth : new FunctionAuthProvider(auth);
  let billing = config.billingos;
  return sessionRoute(() => {
    billing ??= new BillingOS({ secretKey: config.secretKey, apiUrl: config.apiUrl });
    return { sessionTokens: billing.sessionTokens, auth: provider };
  }, config);
}

/**
 * The Node `(req, res)` variant of {@link createSessionRoute}, for Express and the Next.js
 * Pages Router (Fastify: `toFastifyHandler(createSessionRoute(…))`); the request's cookies and
 * headers reach `auth` as a Web `Request`.
 *
 * @example
 * app.get('/api/billingos-session', createSessionHandler({}, (request) => userFrom(request)));
 */
export function createSessionHandler(config: SessionRouteConfig, auth: AuthProvider | ExtractUser): SessionHandler {
  return toNodeHandler(createSessionRoute(config, auth));
}

export { AuthProvider, sendWebResponse, toFastifyHandler, toNodeHandler, toWebRequest } from '../../index';
export { isFrameworkControlFlow } from '../../session-route/framework-control-flow';
export type {
  AuthIdentity,
  ExtractUser,
  FastifyHandler,
  FastifyHandlerOptions,
  FastifyReplyLike,
  FastifyRequestLike,
  IncomingMessageLike,
  ServerResponseLike,
  SessionHandler,
  SessionRoute,
  SessionRouteOptions,
} from '../../index';
