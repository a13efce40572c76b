export { billingos } from './billingos';
export { createSessionRoute } from './route/supabase-session-route';
export { createSessionHandler } from './route/supabase-session-handler';
export type { SupabaseSessionRouteOptions } from './route/supabase-session-route-options';
export { supabasePlugin } from './plugin';

export { SupabaseAuthProvider } from './auth/supabase-auth-provider';
export type { SupabaseAuthOptions } from './auth/supabase-auth-options';
export type { SupabaseUser } from './auth/supabase-user';
export type { VerificationMode } from './auth/token-verifier';
export { organizationFromRequest, organizationFromAppMetadata } from './auth/organization';
export type { ExtractOrganizationId, OrganizationFromRequestOptions } from './auth/organization';
export type { SupabaseProjectOptions } from './config/supabase-project';

export { MissingEnvironmentError } from './errors/missing-environment-error';
export { OrganizationAccessError } from './errors/organization-access-error';
export { SupabaseUnavailableError } from './errors/supabase-unavailable-error';
