import { isFrameworkControlFlow } from './framework-control-flow';
import { jsonResponse } from './json-response';
import { identificationFailure, routeErrorResponse } from './route-error-response';
import type { AuthIdentity } from '../auth/auth-identity';
import type { AuthProvider } from '../auth/auth-provider';
import type { SessionTokens } from '../resources/session-tokens';
import type { SessionRouteOptions } from './session-route-options';

/** A Web-standard request handler: Next.js App Router, Hono, Bun, Deno, Workers. */
export type SessionRoute = (request: Request) => Promise<Response>;

/**
 * Builds the route that answers `{ sessionToken, expiresAt }` for the logged-in user,
 * 401 when nobody is, and a JSON error with the request id when BillingOS fails.
 * `resolve` is called on the first request, so module-level routes never fail at build time;
 * a framework's control flow (Next's `redirect()`, `notFound()`, prerender bailouts) thrown
 * while finding the user passes through untouched.
 */
export function sessionRoute(
  resolve: () => { sessionTokens: SessionTokens; auth: AuthProvider<Request> },
  options: SessionRouteOptions = {},
): SessionRoute {
  return async (request) => {
    let resolved: ReturnType<typeof resolve>;
    try {
      resolved = resolve();
    } catch (error) {
      if (isFrameworkControlFlow(error)) throw error;
      return routeErrorResponse(error);
    }
    let identity: AuthIdentity | null;
    let organizationId: string | undefined;
    try {
      identity = await resolved.auth.authenticate(request);
      if (!identity) return notAuthenticated();
      organizationId = options.extractOrganizationId
        ? await options.extractOrganizationId(request, identity)
        : identity.organizationId;
    } catch (error) {
      if (isFrameworkControlFlow(error)) throw error;
      return identificationFailure(error);
    }
    try {
      const metadata = identity.metadata || options.metadata ? { ...identity.metadata, ...options.metadata } : undefined;
      const token = await resolved.sessionTokens.create(
        withoutUndefined({
          externalUserId: identity.userId,
          externalOrganizationId: organizationId,
          expiresIn: options.expiresIn,
          allowedOperations: options.allowedOperations,
          metadata,
        }),
        { signal: request.signal },
      );
      return jsonResponse(200, { sessionToken: token.sessionToken, expiresAt: token.expiresAt.toISOString() });
    } catch (error) {
      if (isFrameworkControlFlow(error)) throw error;
      return routeErrorResponse(error);
    }
  };
}

function notAuthenticated(): Response {
  return jsonResponse(401, {
    error: { type: 'authentication_error', code: 'not_authenticated', message: 'Log in to see your billing.' },
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
