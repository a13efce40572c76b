import { SUPABASE_KEY_ENV, SUPABASE_URL_ENV } from './env-names';
import { resolveSettings, type Setting } from './setting';

/** Which Supabase project signs your users in. */
export interface SupabaseProjectOptions {
  /**
   * Your project URL, e.g. `https://abcd.supabase.co`.
   * @default process.env.NEXT_PUBLIC_SUPABASE_URL ?? process.env.SUPABASE_URL
   */
  supabaseUrl?: string;
  /**
   * Your project's publishable (or legacy anon) key. Never the service-role/secret key:
   * the route only verifies users, it needs no privileges.
   * @default process.env.NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY ?? process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY
   *   ?? process.env.SUPABASE_PUBLISHABLE_KEY ?? process.env.SUPABASE_ANON_KEY
   */
  supabaseKey?: string;
}

/** A resolved Supabase project. */
export interface SupabaseProject {
  url: string;
  key: string;
}

export function supabaseProjectSettings(options: SupabaseProjectOptions): Record<keyof SupabaseProject, Setting> {
  return {
    url: { description: 'the Supabase project URL', option: 'supabaseUrl', env: SUPABASE_URL_ENV, value: options.supabaseUrl },
    key: { description: 'the Supabase publishable (anon) key', option: 'supabaseKey', env: SUPABASE_KEY_ENV, value: options.supabaseKey },
  };
}

/** Resolves the project from options, else the environment; throws `MissingEnvironmentError`. */
export function resolveSupabaseProject(options: SupabaseProjectOptions): SupabaseProject {
  return resolveSettings(supabaseProjectSettings(options));
}
