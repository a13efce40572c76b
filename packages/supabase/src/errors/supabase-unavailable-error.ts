import { BillingOSError } from '@billingos/node';

/**
 * Supabase Auth could not be asked whether the caller is logged in (network failure or a
 * 5xx). Distinct from "not logged in", so an outage is not reported to users as a logout;
 * the session routes answer 503.
 *
 * @example
 * try {
 *   const user = await provider.getUser(request);
 * } catch (error) {
 *   if (error instanceof SupabaseUnavailableError) return new Response('Try again', { status: 503 });
 *   throw error;
 * }
 */
export class SupabaseUnavailableError extends BillingOSError {
  override readonly name: string = 'SupabaseUnavailableError';

  constructor(cause: unknown) {
    super('api_error', {
      code: 'supabase_unavailable',
      statusCode: 503,
      message: `Supabase Auth did not answer (${cause instanceof Error ? cause.message : String(cause)}); check the project URL and Supabase's status.`,
      cause,
    });
  }
}
