import { MissingEnvironmentError } from '../errors/missing-environment-error';
import { readFirstEnv } from './read-env';

/** One value the route needs: passed as an option, else read from the first set variable of `env`. */
export interface Setting {
  /** What it is, for the error message: "the Supabase project URL". */
  description: string;
  /** The option that sets it in code. */
  option: string;
  /** The environment variables that set it, in order of preference. */
  env: readonly string[];
  /** The value passed in code, if any. */
  value: string | undefined;
}

/**
 * Resolves every setting, reading the environment now (not at import, so a route module
 * can be imported by a build that has no secrets). Anything missing is reported together
 * in one {@link MissingEnvironmentError}, so a misconfigured deploy is fixed in one go.
 */
export function resolveSettings<K extends string>(settings: Record<K, Setting>): Record<K, string> {
  const resolved = {} as Record<K, string>;
  const missing: Setting[] = [];
  for (const key of Object.keys(settings) as K[]) {
    const setting = settings[key];
    const value = setting.value?.trim() || readFirstEnv(setting.env);
    if (value) resolved[key] = value;
    else missing.push(setting);
  }
  if (missing.length > 0) throw new MissingEnvironmentError(missing);
  return resolved;
}
