import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { newRequestId } from './request-id';

/** Node's own answers for these parser errors (the rest are 400). */
const STATUS_BY_CODE: Record<string, { status: string; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: '431 Request Header Fields Too Large',
    code: 'headers_too_large',
    message: 'The request line and headers are larger than 16 KiB. Send a shorter URL or smaller headers.',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: '413 Payload Too Large', code: 'body_too_large', message: 'The chunk extensions of the body are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: '408 Request Timeout', code: 'request_timeout', message: 'The request was not received in time. Send it again.' },
};
const MALFORMED = { status: '400 Bad Request', code: 'malformed_request', message: 'The request is not valid HTTP (or its URL has bytes that must be percent-encoded).' };

/**
 * Node's HTTP parser refuses some requests before Express sees them (a header section over
 * 16 KiB, bytes that are no HTTP): answer those with the error envelope and a request id too,
 * instead of Node's bare status line.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A response already on the wire (pipelining) cannot be followed by another: end the connection, as Node's own handler does.
  const inFlight = (socket as Socket & { _httpMessage?: { _headerSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?._headerSent) {
    socket.destroy();
    return;
  }
  const answer = STATUS_BY_CODE[error.code ?? ''] ?? MALFORMED;
  const requestId = newRequestId();
  const body = JSON.stringify({ error: { type: 'invalid_request_error', code: answer.code, message: answer.message, requestId } });
  socket.end(
    `HTTP/1.1 ${answer.status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nRequest-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}
