/** Who is calling a session route: the merchant's own user id, and organization for B2B. */
export interface AuthIdentity {
  /** Your user's id; becomes the session token's `externalUserId`. */
  userId: string;
  /** Your organization / team id, when billing is per organization. */
  organizationId?: string;
  /** Copied into the session token's metadata. */
  metadata?: Record<string, string>;
}
