import { ConfigurationError } from '@billingos/node';
import type { Setting } from '../config/setting';

/**
 * The session route cannot run: settings are missing from both its options and the
 * environment. The message names every missing variable; `missing` lists them.
 *
 * @example
 * // BillingOS session route is misconfigured. Missing:
 * //   - the Supabase project URL: set NEXT_PUBLIC_SUPABASE_URL or SUPABASE_URL (or pass `supabaseUrl`)
 * //   - the BillingOS secret key: set BILLINGOS_SECRET_KEY (or pass `secretKey`)
 */
export class MissingEnvironmentError extends ConfigurationError {
  override readonly name: string = 'MissingEnvironmentError';
  /** The first environment variable of each missing setting, e.g. `['NEXT_PUBLIC_SUPABASE_URL', 'BILLINGOS_SECRET_KEY']`. */
  readonly missing: readonly string[];

  constructor(settings: readonly Setting[]) {
    super({ code: 'missing_environment', message: describe(settings) });
    this.missing = settings.map((setting) => setting.env[0] ?? setting.option);
  }
}

function describe(settings: readonly Setting[]): string {
  const lines = settings.map(
    (setting) => `  - ${setting.description}: set ${setting.env.join(' or ')} (or pass \`${setting.option}\`)`,
  );
  return `BillingOS session route is misconfigured. Missing:\n${lines.join('\n')}`;
}
