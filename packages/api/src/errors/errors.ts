import { ApiError } from './api-error';

/** 400: the request itself is wrong; `param` names the field to fix. */
export function invalidRequest(code: string, message: string, param?: string): ApiError {
  return new ApiError({ status: 400, type: 'invalid_request_error', code, message, ...(param !== undefined ? { param } : {}) });
}

/** 401: no credential, or one that is malformed, unknown, tampered or expired. */
export function authenticationError(code: string, message: string): ApiError {
  return new ApiError({ status: 401, type: 'authentication_error', code, message });
}

/** 403: a valid credential that is not allowed to do this. */
export function permissionError(code: string, message: string): ApiError {
  return new ApiError({ status: 403, type: 'permission_error', code, message });
}

/** 404: no such object in this merchant's mode, or no such route. */
export function notFound(resource: string, id: string, param = 'id'): ApiError {
  return new ApiError({
    status: 404,
    type: 'not_found_error',
    code: 'resource_missing',
    message: `No ${resource} with id "${id}" exists in this mode. Check the id, and that the key's mode (test/live) matches the one it was created in.`,
    param,
  });
}

/** 402: a payment is needed or was refused, and what it was for is unchanged; `code` says which (`card_declined`, `payment_method_required`, …). */
export function paymentError(code: string, message: string, param?: string): ApiError {
  return new ApiError({ status: 402, type: 'payment_error', code, message, ...(param !== undefined ? { param } : {}) });
}

/** 409: a payment (`code`) is running right now; nothing was charged twice: retry after `Retry-After`. */
export function paymentRunning(code: 'checkout_session_processing' | 'payment_in_progress', message: string): ApiError {
  return new ApiError({ status: 409, type: 'idempotency_error', code, message, headers: { 'Retry-After': '1' } });
}

/** 429: too much at once; `message` says what to close or wait for. */
export function rateLimitError(code: string, message: string): ApiError {
  return new ApiError({ status: 429, type: 'rate_limit_error', code, message });
}
