import { BillingOSError } from '@billingos/node';

/**
 * The request asked for an organization the logged-in user does not belong to; the
 * session route answers 403 (the user is logged in, but not allowed this).
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
