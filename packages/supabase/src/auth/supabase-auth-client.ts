import { createClient } from '@supabase/supabase-js';
import type { SupabaseProject } from '../config/supabase-project';
import { realtimeTransport } from './realtime-transport';

/** The `auth` half of a supabase-js client. */
export type SupabaseAuthClient = ReturnType<typeof createClient>['auth'];

/**
 * A stateless Auth client for verifying tokens that callers pass explicitly: it keeps no
 * session, never refreshes and never looks at the URL, so one client serves every request
 * (and shares supabase-js's JWKS cache).
 */
export async function createSupabaseAuthClient(project: SupabaseProject): Promise<SupabaseAuthClient> {
  const transport = await realtimeTransport();
  const client = createClient(project.url, project.key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    ...(transport ? { realtime: { transport: transport as never } } : {}),
  });
  return client.auth;
}
