import type { AuthIdentity } from './auth-identity';

/**
 * Answers "who is calling?" for a session route: return the logged-in user, or `null`.
 * Subclass it to bring any auth; register it with `new BillingOS({ authProvider })` or a plugin.
 * It is also the injection token the SDK resolves from its container.
 *
 * @example
 * class CookieAuth extends AuthProvider {
 *   async authenticate(request: Request) {
 *     const user = await sessions.fromCookie(request.headers.get('cookie'));
 *     return user ? { userId: user.id } : null;
 *   }
 * }
 */
export abstract class AuthProvider<TRequest = Request> {
  abstract authenticate(request: TRequest): Promise<AuthIdentity | null>;
}
