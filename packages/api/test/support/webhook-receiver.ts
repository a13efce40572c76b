import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhooks } from '@billingos/node';

/** An event as delivered, after its signature was verified by `@billingos/node`. */
export interface ReceivedEvent {
  id: string;
  type: string;
  createdAt: string;
  livemode: boolean;
  data: any;
  previousAttributes?: any;
}

export interface WebhookReceiver {
  url: string;
  /** The merchant's `whsec_…`, known once the API it listens to has started. */
  secret: string;
  /** Every verified event, in arrival order. */
  events: ReceivedEvent[];
  /** Deliveries whose signature did not verify (a test expects none). */
  rejected: number;
  /** Waits until `predicate` holds for the events received, or fails after `timeoutMs`. */
  waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs?: number): Promise<ReceivedEvent[]>;
  close(): Promise<void>;
}

/** A merchant's webhook endpoint on a free port: verifies each delivery with `receiver.secret`, the way a merchant would. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const events: ReceivedEvent[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    secret: '',
    events,
    rejected: 0,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for webhook events; received: ${events.map((event) => event.type).join(', ') || 'none'}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return events;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        const event = new Webhooks({ secret: receiver.secret }).constructEvent(Buffer.concat(chunks), headers) as unknown as ReceivedEvent;
        if (!events.some((seen) => seen.id === event.id)) events.push(event);
        response.statusCode = 204;
      } catch {
        receiver.rejected += 1;
        response.statusCode = 400;
      }
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
  return receiver;
}
