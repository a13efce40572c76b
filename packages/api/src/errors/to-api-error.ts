import { HttpException } from '@nestjs/common';
import { StorageUnavailableError } from '../storage/storage-unavailable-error';
import { ApiError } from './api-error';

/** Seconds a client should wait before retrying during a storage outage. */
export const STORAGE_RETRY_AFTER_SECONDS = 2;

/** The 503 of a storage outage: the request may succeed when retried. */
export function storageUnavailable(): ApiError {
  return new ApiError({
    status: 503,
    type: 'api_error',
    code: 'storage_unavailable',
    message: `The BillingOS API cannot reach its storage right now. Retry after ${STORAGE_RETRY_AFTER_SECONDS} s (a write with the same Idempotency-Key).`,
    headers: { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) },
  });
}

/** Maps anything thrown while serving a request to the error the client sees; unknown failures become a 500 that hides details. */
export function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof StorageUnavailableError) return storageUnavailable();
  return new ApiError({
    status: 500,
    type: 'api_error',
    code: 'internal_error',
    message: 'Something went wrong on the BillingOS API. Retry the request; if it keeps failing, report the request id.',
  });
}

function fromHttpException(exception: HttpException): ApiError {
  const status = exception.getStatus();
  if (status === 404) {
    return new ApiError({
      status,
      type: 'not_found_error',
      code: 'route_not_found',
      message: `${exception.message}. Check the method and path against the BillingOS API reference (every path starts with /v1/).`,
    });
  }
  return new ApiError({
    status,
    type: status >= 500 ? 'api_error' : 'invalid_request_error',
    code: status >= 500 ? 'internal_error' : 'bad_request',
    message: exception.message,
  });
}
