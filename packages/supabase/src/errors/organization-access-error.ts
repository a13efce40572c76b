import { BillingOSError } from '@billingos/node';

/**
 * The request asked for an organization the logged-in user does not belong to; the
 * session route answers 403 (the user is logged in, but not allowed this).
 *
 * @example
 * billingos.createSessionRoute({
 *   async extractOrganizationId(request, user) {
 *     const orgId = request.headers.get('x-organization-id');
 *     if (orgId && !(await db.isMember(user.id, orgId))) throw new OrganizationAccessError(orgId);
 *     return orgId ?? undefined;
 *   },
 * });
 */
export class OrganizationAccessError extends BillingOSError {
  override readonly name: string = 'OrganizationAccessError';
  /** The organization that was asked for. */
  readonly organizationId: string;

  constructor(organizationId: string) {
    super('permission_error', {
      code: 'organization_access_denied',
      statusCode: 403,
      message: `You are not a member of organization "${organizationId}". Membership is read from the Supabase user's app_metadata.`,
    });
    this.organizationId = organizationId;
  }
}
