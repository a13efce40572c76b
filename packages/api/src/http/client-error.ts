import type { Duplex } from 'node:stream';
import { newRequestId } from './request-id';

/**
 * Node's HTTP parser refuses some requests before Express sees them (a header section over
 * 16 KiB, bytes that are no HTTP): answer those with the error envelope and a request id too,
 * instead of Node's bare status line.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const requestId = newRequestId();
  const body = JSON.stringify({
    error: {
      type: 'invalid_request_error',
      code: tooLarge ? 'headers_too_large' : 'malformed_request',
      message: tooLarge
        ? 'The request line and headers are larger than 16 KiB. Send a shorter URL or smaller headers.'
        : 'The request is not valid HTTP (or its URL has bytes that must be percent-encoded).',
      requestId,
    },
  });
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nRequest-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
  );
}
