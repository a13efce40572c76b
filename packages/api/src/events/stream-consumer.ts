import type { Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * What may wait unsent for one client: past it the client has stopped reading (or reads far
 * slower than its events come), and it is dropped rather than buffered for without end.
 */
export const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * One open `GET /v1/events/stream` response: writes Server-Sent Events to it while its client
 * keeps up. Memory stays bounded: once more than `MAX_UNSENT_BYTES` wait in the response and
 * its socket, the connection is destroyed and a warning logged; the client may connect again.
 */
export class StreamConsumer {
  readonly #response: Response;
  readonly #logger: Logger;
  readonly #name: string;

  /** `name` says whose stream it is in the warning. */
  constructor(response: Response, logger: Logger, name: string) {
    this.#response = response;
    this.#logger = logger;
    this.#name = name;
  }

  get closed(): boolean {
    return this.#response.writableEnded || this.#response.destroyed;
  }

  /** Behind: the last write did not fit the socket's buffer yet (its `drain` has not come). */
  get behind(): boolean {
    return this.#response.writableNeedDrain;
  }

  /** Sends the head and the `: connected` comment. */
  open(): void {
    this.#response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.send(': connected\n\n');
  }

  /** Writes one message (or comment), or drops the client if it has stopped reading. */
  send(text: string): void {
    if (this.closed) return;
    this.#response.write(text);
    const unsent = this.#response.writableLength;
    if (unsent > MAX_UNSENT_BYTES) {
      this.#logger.warn(`Dropped the event stream of ${this.#name}: its client stopped reading (${unsent} bytes unsent).`);
      this.#response.destroy();
    }
  }

  /** Ends the response cleanly (server shutdown). */
  end(): void {
    if (this.#response.headersSent && !this.closed) this.#response.end();
  }
}
