import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import type { Response } from 'express';
import type { MerchantScope } from '../auth/credential';
import { rateLimitError } from '../errors/errors';
import { Database } from '../storage/database';
import { EventFeed } from './event-feed';
import { EventPoller } from './event-poller';
import type { Subscriber } from './event-poller';
import { StreamConsumer } from './stream-consumer';

/** Open streams per merchant and mode on one node: a developer runs one or two `billingos listen`. */
export const MAX_STREAMS_PER_SCOPE = 10;

/**
 * The open `GET /v1/events/stream` responses of this node, as Server-Sent Events (`id:` the event
 * id, `data:` the envelope, as delivered). The streams of one merchant's mode share one
 * `EventPoller`, started by the first and stopped when the last closes, so idle streams cost the
 * database nothing more. At most `MAX_STREAMS_PER_SCOPE` per merchant and mode; a slot comes back
 * when its client goes away. All end before the server closes (an open stream would hold the
 * shutdown).
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  readonly #db: Database;
  readonly #logger = new Logger('BillingOS event stream');
  /** Streams per scope, opening ones included: counted before the first await, so a burst of opens cannot pass the cap. */
  readonly #counts = new Map<string, number>();
  readonly #pollers = new Map<string, EventPoller>();
  readonly #consumers = new Set<StreamConsumer>();
  #shuttingDown = false;

  constructor(@Inject(Database) db: Database) {
    this.#db = db;
  }

  async open(scope: MerchantScope, response: Response): Promise<void> {
    const key = `${scope.merchantId}:${scope.mode}`;
    const count = this.#counts.get(key) ?? 0;
    if (count >= MAX_STREAMS_PER_SCOPE) throw tooManyStreams();
    this.#counts.set(key, count + 1);
    const consumer = new StreamConsumer(response, this.#logger, `${scope.merchantId} (${scope.mode})`);
    let subscriber: Subscriber | undefined;
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      this.#consumers.delete(consumer);
      this.#release(key, subscriber);
    };
    this.#consumers.add(consumer);
    // The response's close, not the request's: a GET's request closes as soon as it has been read.
    response.on('close', close);
    let since: bigint;
    try {
      since = await EventFeed.now(this.#db);
    } catch (error) {
      close();
      throw error;
    }
    if (closed || consumer.closed) return close();
    consumer.open();
    if (this.#shuttingDown) return consumer.end();
    subscriber = { consumer, since };
    this.#pollerOf(key, scope, since).add(subscriber);
  }

  beforeApplicationShutdown(): void {
    this.#shuttingDown = true;
    for (const consumer of [...this.#consumers]) consumer.end();
    for (const poller of this.#pollers.values()) poller.stop();
    this.#pollers.clear();
  }

  #pollerOf(key: string, scope: MerchantScope, since: bigint): EventPoller {
    let poller = this.#pollers.get(key);
    if (!poller) {
      poller = new EventPoller(new EventFeed(this.#db, scope, since), this.#logger);
      this.#pollers.set(key, poller);
    }
    return poller;
  }

  #release(key: string, subscriber: Subscriber | undefined): void {
    const count = (this.#counts.get(key) ?? 1) - 1;
    if (count > 0) this.#counts.set(key, count);
    else this.#counts.delete(key);
    const poller = this.#pollers.get(key);
    if (!poller || !subscriber) return;
    poller.remove(subscriber);
    if (poller.size === 0) {
      poller.stop();
      this.#pollers.delete(key);
    }
  }
}

function tooManyStreams() {
  return rateLimitError(
    'too_many_streams',
    `This merchant already has ${MAX_STREAMS_PER_SCOPE} event streams open in this mode on this API node, the most it allows. Close other \`billingos listen\` sessions (or other GET /v1/events/stream connections) and try again.`,
  );
}
