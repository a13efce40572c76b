/** The `type` of a BillingOS error: one per API error type, plus the SDK's own. */
export type BillingOSErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'payment_error'
  | 'idempotency_error'
  | 'rate_limit_error'
  | 'api_error'
  | 'connection_error'
  | 'configuration_error';

/** What an error knows about the failure; every field but `message` is optional. */
export interface BillingOSErrorInit {
  message: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
  param?: string;
  headers?: Record<string, string>;
  raw?: unknown;
  cause?: unknown;
}

/**
 * The base of every error the SDK throws. Catch it to handle any BillingOS failure, or one of
 * its subclasses for a specific one.
 *
 * @example
 * try { await client.changePlan(subscriptionId, { priceId }) }
 * catch (error) { if (error instanceof BillingOSError) console.error(error.type, error.requestId) }
 */
export class BillingOSError extends Error {
  override name = 'BillingOSError';
  readonly type: BillingOSErrorType = 'api_error';
  readonly code: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  readonly param: string | undefined;
  /** The response headers, lower-cased. */
  readonly headers: Record<string, string>;
  readonly raw: unknown;

  constructor(init: BillingOSErrorInit) {
    super(init.message, { cause: init.cause });
    this.code = init.code;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.param = init.param;
    this.headers = init.headers ?? {};
    this.raw = init.raw;
  }
}
