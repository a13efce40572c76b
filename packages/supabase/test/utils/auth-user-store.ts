import { randomBytes, randomUUID } from 'node:crypto';

/** What a test creates a Supabase user from; metadata is the project's own JSON. */
export interface NewAuthUser {
  email: string;
  password: string;
  appMetadata?: Record<string, unknown>;
  userMetadata?: Record<string, unknown>;
}

/** A user as GoTrue serialises it (`/auth/v1/user`, and `user` in a session response). */
export interface AuthUser {
  id: string;
  aud: 'authenticated';
  role: 'authenticated';
  email: string;
  email_confirmed_at: string;
  phone: string;
  confirmed_at: string;
  last_sign_in_at: string | null;
  app_metadata: Record<string, unknown>;
  user_metadata: Record<string, unknown>;
  identities: unknown[];
  created_at: string;
  updated_at: string;
  is_anonymous: boolean;
}

/** A sign-in: GoTrue's `auth.sessions` row plus the refresh tokens it has issued. */
export interface AuthSession {
  id: string;
  userId: string;
  refreshToken: string;
  revoked: boolean;
}

/** The in-memory `auth.users` / `auth.sessions` of the test Supabase Auth server. */
export class AuthUserStore {
  /** `password` is null for anonymous users: they have no credentials to sign in with again. */
  readonly #users = new Map<string, { user: AuthUser; password: string | null }>();
  readonly #sessions = new Map<string, AuthSession>();

  create(input: NewAuthUser): AuthUser {
    const now = new Date().toISOString();
    const user: AuthUser = {
      id: randomUUID(),
      aud: 'authenticated',
      role: 'authenticated',
      email: input.email,
      email_confirmed_at: now,
      phone: '',
      confirmed_at: now,
      last_sign_in_at: null,
      app_metadata: { provider: 'email', providers: ['email'], ...input.appMetadata },
      user_metadata: { ...input.userMetadata },
      identities: [],
      created_at: now,
      updated_at: now,
      is_anonymous: false,
    };
    this.#users.set(user.id, { user, password: input.password });
    return user;
  }

  /** An anonymous sign-in's user, as GoTrue creates it: no email, no identities, `is_anonymous: true`. */
  createAnonymous(userMetadata: Record<string, unknown> = {}): AuthUser {
    const now = new Date().toISOString();
    const user: AuthUser = {
      id: randomUUID(),
      aud: 'authenticated',
      role: 'authenticated',
      email: '',
      email_confirmed_at: '',
      phone: '',
      confirmed_at: '',
      last_sign_in_at: null,
      app_metadata: {},
      user_metadata: { ...userMetadata },
      identities: [],
      created_at: now,
      updated_at: now,
      is_anonymous: true,
    };
    this.#users.set(user.id, { user, password: null });
    return user;
  }

  findById(id: string): AuthUser | undefined {
    return this.#users.get(id)?.user;
  }

  findByCredentials(email: string, password: string): AuthUser | undefined {
    for (const entry of this.#users.values()) {
      if (entry.password !== null && entry.user.email === email && entry.password === password) return entry.user;
    }
    return undefined;
  }

  startSession(user: AuthUser): AuthSession {
    user.last_sign_in_at = new Date().toISOString();
    const session: AuthSession = { id: randomUUID(), userId: user.id, refreshToken: newRefreshToken(), revoked: false };
    this.#sessions.set(session.id, session);
    return session;
  }

  findSession(id: string): AuthSession | undefined {
    const session = this.#sessions.get(id);
    return session && !session.revoked ? session : undefined;
  }

  /** Rotates the refresh token, as GoTrue does on every refresh; the old token stops working. */
  rotate(refreshToken: string): AuthSession | undefined {
    for (const session of this.#sessions.values()) {
      if (!session.revoked && session.refreshToken === refreshToken) {
        session.refreshToken = newRefreshToken();
        return session;
      }
    }
    return undefined;
  }

  revoke(sessionId: string, scope: 'global' | 'local' | 'others'): void {
    const current = this.#sessions.get(sessionId);
    if (!current) return;
    for (const session of this.#sessions.values()) {
      const sameUser = session.userId === current.userId;
      const matches = scope === 'local' ? session === current : scope === 'others' ? sameUser && session !== current : sameUser;
      if (matches) session.revoked = true;
    }
  }
}

function newRefreshToken(): string {
  return randomBytes(9).toString('base64url');
}
