/** Which data a key sees: test and live never share anything. */
export type Mode = 'test' | 'live';

export const OPERATIONS = ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'] as const;

/** What a session token (or the legacy publishable view) may do on `/v1/me*`. */
export type Operation = (typeof OPERATIONS)[number];

/** Granted when a mint names no operations: every read, nothing that writes. */
export const DEFAULT_OPERATIONS: readonly Operation[] = ['read_customer', 'read_subscription', 'read_entitlements'];

export type CredentialKind = 'secret' | 'publishable' | 'session';

/** The data a key sees: one merchant, one mode. */
export interface MerchantScope {
  merchantId: string;
  mode: Mode;
}

export interface SecretCredential extends MerchantScope {
  kind: 'secret';
}

export interface PublishableCredential extends MerchantScope {
  kind: 'publishable';
}

export interface SessionCredential extends MerchantScope {
  kind: 'session';
  /** The customer `/v1/me*` answers for: the organization's when `organizationId` is set (B2B), else the user's own. */
  customerId: string;
  /** The member who is signed in (`sub`), also when the customer is an organization's. */
  externalUserId: string;
  /** The merchant's organization id the token was minted for (`organization`). */
  organizationId: string | undefined;
  operations: readonly Operation[];
  tokenId: string;
}

/** Who is calling, established by the credential guard from `Authorization: Bearer …`. */
export type Credential = SecretCredential | PublishableCredential | SessionCredential;

/** The one customer a `/v1/me*` request is about, and what it may do. */
export interface CustomerView extends MerchantScope {
  customerId: string;
  operations: readonly Operation[];
}
