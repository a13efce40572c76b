/** Every `type` a {@link BillingOSError} can carry: the API's error types plus the SDK's own. */
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
  | 'timeout_error'
  | 'configuration_error'
  | 'webhook_verification_error';

/** What the constructor of every BillingOS error accepts. */
export interface BillingOSErrorInit {
  message: string;
  code?: string;
  statusCode?: number;
  requestId?: string;
  param?: string;
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The base class of every error the SDK throws. Catch it, then narrow with `instanceof`
 * or with {@link isBillingOSError} (which also works across realms and duplicated packages).
 *
 * @example
 * try {
 *   await billing.customers.retrieve('cus_missing');
 * } catch (error) {
 *   if (error instanceof NotFoundError) console.log(error.requestId);
 * }
 */
export class BillingOSError extends Error {
  override readonly name: string = 'BillingOSError';
  readonly type: BillingOSErrorType;
  /** A stable, machine-readable reason, e.g. `resource_missing`. */
  readonly code: string | undefined;
  /** The HTTP status of the failed response; `undefined` when no response arrived. */
  readonly statusCode: number | undefined;
  /** The API's request id: quote it to support. */
  readonly requestId: string | undefined;
  /** The request parameter the error is about, when there is one. */
  readonly param: string | undefined;
  /** The response headers, lower-cased. */
  readonly headers: Record<string, string>;

  constructor(type: BillingOSErrorType, init: BillingOSErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.type = type;
    this.code = init.code;
    this.statusCode = init.statusCode;
    this.requestId = init.requestId;
    this.param = init.param;
    this.headers = init.headers ?? {};
  }
}
