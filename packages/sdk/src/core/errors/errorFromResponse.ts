import { ApiError } from './ApiError';
import { AuthenticationError } from './AuthenticationError';
import { BillingOSError } from './BillingOSError';
import { IdempotencyError } from './IdempotencyError';
import { InvalidRequestError } from './InvalidRequestError';
import { NotFoundError } from './NotFoundError';
import { PermissionError } from './PermissionError';
import { RateLimitError } from './RateLimitError';

const byType: Record<string, typeof BillingOSError> = {
  invalid_request_error: InvalidRequestError,
  authentication_error: AuthenticationError,
  permission_error: PermissionError,
  not_found_error: NotFoundError,
  idempotency_error: IdempotencyError,
  rate_limit_error: RateLimitError,
  api_error: ApiError,
};

const byStatus: Record<number, typeof BillingOSError> = {
  400: InvalidRequestError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  409: IdempotencyError,
  429: RateLimitError,
};

interface ErrorBody {
  error?: { type?: string; code?: string; message?: string; param?: string; requestId?: string };
}

/** Maps a failed response (status + `{ error: { type, … } }` body) to its error class. */
export async function errorFromResponse(response: Response): Promise<BillingOSError> {
  const raw = (await response.json().catch(() => ({}))) as ErrorBody;
  const body = raw.error ?? {};
  const ErrorClass = byType[body.type ?? ''] ?? byStatus[response.status] ?? ApiError;
  return new ErrorClass({
    message: body.message ?? `BillingOS answered HTTP ${response.status} without an error body.`,
    code: body.code,
    param: body.param,
    statusCode: response.status,
    requestId: body.requestId ?? response.headers.get('request-id') ?? undefined,
    headers: Object.fromEntries(response.headers),
    raw,
  });
}
