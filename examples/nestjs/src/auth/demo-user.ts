import type { Request } from 'express';

/** The user the demo session cookie names. A real app would load it from its database. */
export interface DemoUser {
  id: string;
}

/** An Express request after {@link DemoSessionGuard} ran. */
export type RequestWithUser = Request & { user?: DemoUser };

export const SESSION_COOKIE = 'demo_user';
