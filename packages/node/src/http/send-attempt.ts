import { ApiError } from '../errors/api-error';
import { ConnectionError } from '../errors/connection-error';
import { errorFromResponse } from '../errors/error-from-response';
import { TimeoutError } from '../errors/timeout-error';
import { anySignal, raceAbort } from './abort';
import { headersToRecord } from './headers';
import { parseRetryAfter } from './parse-retry-after';
import type { BillingOSError } from '../errors/billing-os-error';
import type { Transport } from './transport';

/** What one attempt ended with: the parsed body, or an error plus the API's retry hints. */
export type AttemptOutcome =
  | { ok: true; body: unknown }
  | { ok: false; error: BillingOSError; retryAfterMs?: number; shouldRetryHint?: boolean };

/** One attempt of one call; everything but the caller's abort becomes an outcome. */
export interface Attempt {
  transport: Transport;
  url: string;
  init: RequestInit;
  timeout: number;
  callerSignal: AbortSignal | undefined;
}

/**
 * Sends one attempt with a timeout covering headers and body. A caller's abort is rethrown
 * as its reason (never retried); every other failure is returned as a typed error.
 */
export async function sendAttempt(attempt: Attempt): Promise<AttemptOutcome> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new DOMException('The attempt timed out', 'TimeoutError')), attempt.timeout);
  const signal = attempt.callerSignal ? anySignal([timeout.signal, attempt.callerSignal]) : timeout.signal;
  try {
    const response = await raceAbort(attempt.transport.send(new Request(attempt.url, { ...attempt.init, signal })), signal);
    const text = await raceAbort(response.text(), signal);
    return readResponse(response, text);
  } catch (cause) {
    if (attempt.callerSignal?.aborted) throw attempt.callerSignal.reason;
    if (timeout.signal.aborted) return { ok: false, error: timeoutError(attempt, cause) };
    return { ok: false, error: connectionError(attempt, cause) };
  } finally {
    clearTimeout(timer);
  }
}

function readResponse(response: Response, text: string): AttemptOutcome {
  const headers = headersToRecord(response.headers);
  const body = parseJson(text);
  if (response.ok) {
    if (body === INVALID) return { ok: false, error: invalidJson(response.status, headers) };
    return { ok: true, body };
  }
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  const retryAfter = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
  const error = errorFromResponse({ status: response.status, headers, body: body === INVALID ? undefined : body, retryAfter });
  return { ok: false, error, retryAfterMs, shouldRetryHint: parseHint(headers['billingos-should-retry']) };
}

const INVALID = Symbol('invalid json');

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}

function parseHint(value: string | undefined): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function invalidJson(status: number, headers: Record<string, string>): ApiError {
  return new ApiError({
    code: 'invalid_json',
    statusCode: status,
    headers,
    requestId: headers['request-id'] ?? headers['x-request-id'],
    message: 'The BillingOS API answered with a body that is not JSON: is apiUrl pointing at the BillingOS API?',
  });
}

function timeoutError(attempt: Attempt, cause: unknown): TimeoutError {
  return new TimeoutError({
    code: 'request_timeout',
    cause,
    message: `${attempt.init.method} ${attempt.url} got no complete response within ${attempt.timeout} ms. Raise \`timeout\` (client or per call) or check the API's health.`,
  });
}

function connectionError(attempt: Attempt, cause: unknown): ConnectionError {
  const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return new ConnectionError({
    code: 'connection_failed',
    cause,
    message: `Could not reach the BillingOS API for ${attempt.init.method} ${attempt.url} (${reason}). Check apiUrl / BILLINGOS_API_URL and the network.`,
  });
}
