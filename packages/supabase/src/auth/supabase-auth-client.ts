import { createClient } from '@supabase/supabase-js';
import type { SupabaseProject } from '../config/supabase-project';
import { realtimeTransport } from './realtime-transport';

/** The `auth` half of a supabase-js client. */
export type SupabaseAuthClient = ReturnType<typeof createClient>['auth'];

/**
 * A stateless Auth client for verifying tokens that callers pass explicitly: it keeps no
 * session, never refreshes and never looks at the URL, so one client serves every request.
 *
 * supabase-js caches JWKS per `storageKey`, whose default comes from the host's first label
 * only (`sb-127-…`, `sb-auth-…` for `auth.a.com` and `auth.b.com`): two projects in one
 * process would verify each other's tokens. A key made of the whole project URL keeps each
 * project to its own signing keys.
 */
export async function createSupabaseAuthClient(project: SupabaseProject): Promise<SupabaseAuthClient> {
  const transport = await realtimeTransport();
  const client = createClient(project.url, project.key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, storageKey: `billingos-jwks:${project.url}` },
    ...(transport ? { realtime: { transport: transport as never } } : {}),
  });
  return client.auth;
}
