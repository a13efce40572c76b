import { BILLINGOS_SECRET_KEY_ENV } from '../config/env-names';
import { resolveSettings } from '../config/setting';
import { supabaseProjectSettings } from '../config/supabase-project';
import type { SupabaseSessionRouteOptions } from './supabase-session-route-options';

/** What the route cannot run without. */
export interface RouteSettings {
  supabaseUrl: string;
  supabaseKey: string;
  secretKey: string;
}

/** Resolves every required setting at once; throws `MissingEnvironmentError` naming each missing one. */
export function resolveRouteSettings(options: SupabaseSessionRouteOptions): RouteSettings {
  const supabase = supabaseProjectSettings(options);
  return resolveSettings({
    supabaseUrl: supabase.url,
    supabaseKey: supabase.key,
    secretKey: { description: 'the BillingOS secret key', option: 'secretKey', env: [BILLINGOS_SECRET_KEY_ENV], value: options.secretKey },
  });
}
