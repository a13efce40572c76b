import { BillingOSError } from './BillingOSError';

/** The API could not be reached (network failure, CORS, or a wrong \`apiUrl\`). */
export class ConnectionError extends BillingOSError {
  override name = 'ConnectionError';
  override readonly type = 'connection_error' as const;
}
