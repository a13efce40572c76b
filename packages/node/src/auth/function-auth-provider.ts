import { AuthProvider } from './auth-provider';
import type { AuthIdentity } from './auth-identity';

/** Reads the user from a request: the function form of an {@link AuthProvider}. */
export type ExtractUser = (request: Request) => AuthIdentity | null | Promise<AuthIdentity | null>;

/** Adapts an {@link ExtractUser} function to the {@link AuthProvider} contract. */
export class FunctionAuthProvider extends AuthProvider {
  readonly #extract: ExtractUser;

  constructor(extract: ExtractUser) {
    super();
    this.#extract = extract;
  }

  async authenticate(request: Request): Promise<AuthIdentity | null> {
    return (await this.#extract(request)) ?? null;
  }
}
