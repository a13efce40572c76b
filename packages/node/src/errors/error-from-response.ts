import { ApiError } from './api-error';
import { AuthenticationError } from './authentication-error';
import { IdempotencyError } from './idempotency-error';
import { InvalidRequestError } from './invalid-request-error';
import { NotFoundError } from './not-found-error';
import { PaymentError } from './payment-error';
import { PermissionError } from './permission-error';
import { RateLimitError } from './rate-limit-error';
import type { BillingOSError, BillingOSErrorInit } from './billing-os-error';

/** The API's error envelope: `{ error: { type, code, message, param?, requestId } }`. */
export interface ApiErrorBody {
  error?: { type?: string; code?: string; message?: string; param?: string; requestId?: string };
}

/** Everything the factory needs to know about a failed response. */
export interface FailedResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  retryAfter?: number;
}

const BY_TYPE: Record<string, (init: BillingOSErrorInit) => BillingOSError> = {
  invalid_request_error: (init) => new InvalidRequestError(init),
  authentication_error: (init) => new AuthenticationError(init),
  permission_error: (init) => new PermissionError(init),
  not_found_error: (init) => new NotFoundError(init),
  payment_error: (init) => new PaymentError(init),
  idempotency_error: (init) => new IdempotencyError(init),
  api_error: (init) => new ApiError(init),
};

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'payment_error',
  403: 'permission_error',
  404: 'not_found_error',
  409: 'idempotency_error',
  422: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** Maps a non-2xx response to the error class of its `type` (falling back on the status). */
export function errorFromResponse(response: FailedResponse): BillingOSError {
  const details = (response.body as ApiErrorBody | undefined)?.error ?? {};
  const type = details.type ?? TYPE_BY_STATUS[response.status] ?? 'api_error';
  const init: BillingOSErrorInit = {
    message: details.message ?? `The BillingOS API answered HTTP ${response.status} without an error message.`,
    code: details.code,
    statusCode: response.status,
    requestId: details.requestId ?? response.headers['request-id'] ?? response.headers['x-request-id'],
    param: details.param,
    headers: response.headers,
  };
  if (type === 'rate_limit_error') return new RateLimitError({ ...init, retryAfter: response.retryAfter });
  return (BY_TYPE[type] ?? BY_TYPE.api_error!)(init);
}
