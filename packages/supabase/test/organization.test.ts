import { OrganizationAccessError, organizationFromAppMetadata, organizationFromRequest, type SupabaseUser } from '@billingos/supabase';

const user = (appMetadata: Record<string, unknown>): SupabaseUser => ({
  id: 'u1',
  email: undefined,
  phone: undefined,
  appMetadata,
  userMetadata: { organizations: ['org_user_claimed'] },
  isAnonymous: false,
  claims: {},
});
const request = (url = 'http://app/api/billingos-session', headers: Record<string, string> = {}) => new Request(url, { headers });

describe('organizationFromRequest()', () => {
  const extract = organizationFromRequest();

  it.each([
    ['a list of ids', { organizations: ['org_a', 'org_b'] }],
    ['a list of { id } objects', { organizations: [{ id: 'org_a', role: 'owner' }, { id: 'org_b' }] }],
    ['an { id: role } map', { organizations: { org_a: 'owner', org_b: 'member' } }],
  ])('accepts a member organization when app_metadata.organizations is %s', (_shape, appMetadata) => {
    expect(extract(request(undefined, { 'x-organization-id': 'org_b' }), user(appMetadata))).toBe('org_b');
    expect(extract(request('http://app/api/billingos-session?organizationId=org_a'), user(appMetadata))).toBe('org_a');
  });

  it('bills the user when no organization is named', () => {
    expect(extract(request(), user({ organizations: ['org_a'] }))).toBeUndefined();
  });

  it('refuses a non-member organization, and never trusts user_metadata (users edit it themselves)', () => {
    expect(() => extract(request(undefined, { 'x-organization-id': 'org_x' }), user({ organizations: ['org_a'] }))).toThrow(OrganizationAccessError);
    expect(() => extract(request(undefined, { 'x-organization-id': 'org_user_claimed' }), user({}))).toThrow(/not a member of organization "org_user_claimed"/);
  });

  it('takes a custom header and membership source', () => {
    const custom = organizationFromRequest({ header: 'x-team', memberships: (u) => [String(u.appMetadata.team)] });
    expect(custom(request(undefined, { 'x-team': 't1' }), user({ team: 't1' }))).toBe('t1');
  });
});

describe('organizationFromAppMetadata()', () => {
  it('reads one organization id from app_metadata', () => {
    expect(organizationFromAppMetadata()(request(), user({ organization_id: 'org_1' }))).toBe('org_1');
    expect(organizationFromAppMetadata('org')(request(), user({ org: 42 }))).toBeUndefined();
  });
});
