import { OrganizationAccessError } from '../errors/organization-access-error';
import type { SupabaseUser } from './supabase-user';

/** An `extractOrganizationId` function. */
export type ExtractOrganizationId = (request: Request, user: SupabaseUser) => string | undefined;

export interface OrganizationFromRequestOptions {
  /** @default 'x-organization-id' */
  header?: string;
  /** Also read from this query parameter, so `sessionTokenUrl="/api/billingos-session?organizationId=…"` works. @default 'organizationId' */
  queryParam?: string;
  /**
   * The organization ids the user belongs to.
   * @default the user's `app_metadata.organizations`: ids, `{ id }` objects, or an `{ [id]: role }` map
   */
  memberships?: (user: SupabaseUser) => readonly string[];
}

/**
 * B2B: bill the organization the request names (header, else query parameter), but only
 * one the user belongs to according to `app_metadata`, which only your backend can write.
 * No organization named: the user is billed. Another organization: `OrganizationAccessError` (403).
 *
 * @example
 * export const GET = billingos.createSessionRoute({ extractOrganizationId: organizationFromRequest() });
 * // fetch('/api/billingos-session', { headers: { 'x-organization-id': 'org_42' } })
 */
export function organizationFromRequest(options: OrganizationFromRequestOptions = {}): ExtractOrganizationId {
  const { header = 'x-organization-id', queryParam = 'organizationId', memberships = appMetadataOrganizations } = options;
  return (request, user) => {
    const requested = request.headers.get(header)?.trim() || new URL(request.url).searchParams.get(queryParam)?.trim();
    if (!requested) return undefined;
    if (!memberships(user).includes(requested)) throw new OrganizationAccessError(requested);
    return requested;
  };
}

/**
 * B2B where each user belongs to one organization, stored by your backend in `app_metadata`.
 *
 * @example
 * export const GET = billingos.createSessionRoute({ extractOrganizationId: organizationFromAppMetadata('org_id') });
 */
export function organizationFromAppMetadata(key = 'organization_id'): ExtractOrganizationId {
  return (_request, user) => {
    const value = user.appMetadata[key];
    return typeof value === 'string' && value ? value : undefined;
  };
}

function appMetadataOrganizations(user: SupabaseUser): string[] {
  const organizations = user.appMetadata.organizations;
  if (Array.isArray(organizations)) return organizations.map(organizationId).filter((id): id is string => id !== undefined);
  if (organizations && typeof organizations === 'object') return Object.keys(organizations);
  return [];
}

function organizationId(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
