import type { Logger } from '@nestjs/common';
import type { EventFeed, Microseconds, RecordedEvent } from './event-feed';
import type { StreamConsumer } from './stream-consumer';

const POLL_INTERVAL_MS = 250;
const HEARTBEAT_MS = 15_000;

/** One stream fed by a poller: its client, and when it opened (it gets the events recorded from then on). */
export interface Subscriber {
  consumer: StreamConsumer;
  since: Microseconds;
}

/**
 * The one reader of a merchant's mode's events on this node: reads each event once from its
 * feed, every 250 ms, and writes it to every open stream of that scope, with a heartbeat comment
 * every 15 s. A full batch is followed at once by the next one unless a client is behind, so a
 * burst goes out as fast as the slowest reader takes it, and one that stops reading is dropped
 * by its `StreamConsumer`. `stop()` ends the polling; the registry calls it when the last stream
 * of the scope closes.
 */
export class EventPoller {
  readonly #feed: EventFeed;
  readonly #logger: Logger;
  readonly #subscribers = new Set<Subscriber>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;
  #lastHeartbeat = Date.now();

  constructor(feed: EventFeed, logger: Logger) {
    this.#feed = feed;
    this.#logger = logger;
    this.#schedule();
  }

  get size(): number {
    return this.#subscribers.size;
  }

  add(subscriber: Subscriber): void {
    this.#subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.#subscribers.delete(subscriber);
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    if (!this.#stopped) this.#timer = setTimeout(() => void this.#poll(), POLL_INTERVAL_MS);
  }

  async #poll(): Promise<void> {
    try {
      for (;;) {
        const { events, more } = await this.#feed.next();
        if (this.#stopped) return;
        this.#fanOut(events);
        if (!more || this.#anyBehind()) break;
      }
    } catch (error) {
      this.#logger.warn(`Could not read new events: ${(error as Error).message}`);
    }
    this.#heartbeat();
    this.#schedule();
  }

  #fanOut(events: RecordedEvent[]): void {
    for (const { event, recordedAt } of events) {
      const text = `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
      for (const subscriber of this.#subscribers) if (recordedAt >= subscriber.since) subscriber.consumer.send(text);
    }
  }

  #anyBehind(): boolean {
    for (const subscriber of this.#subscribers) if (subscriber.consumer.behind) return true;
    return false;
  }

  #heartbeat(): void {
    if (Date.now() - this.#lastHeartbeat < HEARTBEAT_MS) return;
    this.#lastHeartbeat = Date.now();
    for (const subscriber of this.#subscribers) subscriber.consumer.send(': heartbeat\n\n');
  }
}
