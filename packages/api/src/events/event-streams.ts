import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import type { MerchantScope } from '../auth/credential';
import { Database } from '../storage/database';
import { EventFeed } from './event-feed';

const POLL_INTERVAL_MS = 250;
const HEARTBEAT_MS = 15_000;

/**
 * The open `GET /v1/events/stream` responses: each polls its key's events every 250 ms and
 * writes them as Server-Sent Events (`id:` the event id, `data:` the envelope, as delivered),
 * with a heartbeat comment every 15 s. A stream ends when its client goes away, and all end
 * before the server closes (an open stream would otherwise hold the shutdown).
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  readonly #db: Database;
  readonly #logger = new Logger('BillingOS event stream');
  readonly #open = new Set<() => void>();

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async open(scope: MerchantScope, response: Response): Promise<void> {
    let poll: ReturnType<typeof setInterval> | undefined;
    let heartbeat: ReturnType<typeof setInterval> | undefined;
    const close = () => {
      clearInterval(poll);
      clearInterval(heartbeat);
      this.#open.delete(close);
      if (response.headersSent && !response.writableEnded) response.end();
    };
    this.#open.add(close);
    // The response's close, not the request's: a GET's request closes as soon as it has been read.
    response.on('close', close);
    let feed: EventFeed;
    try {
      feed = await EventFeed.start(this.#db, scope);
    } catch (error) {
      close();
      throw error;
    }
    if (!this.#open.has(close)) return;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const send = (text: string) => {
      if (!response.writableEnded && !response.destroyed) response.write(text);
    };
    send(': connected\n\n');
    let polling: Promise<void> | undefined;
    poll = setInterval(() => {
      polling ??= feed
        .next()
        .then((events) => {
          for (const event of events) send(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
        })
        .catch((error: unknown) => this.#logger.warn(`Could not read new events: ${(error as Error).message}`))
        .finally(() => (polling = undefined));
    }, POLL_INTERVAL_MS);
    heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
  }

  beforeApplicationShutdown(): void {
    for (const close of [...this.#open]) close();
  }
}
