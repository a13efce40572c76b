import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as it arrived. */
export interface RecordedDelivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** `JSON.parse(body)`. */
  event: { id: string; type: string; data: any; livemode: boolean };
}

export interface RecordingReceiver {
  /** `http://127.0.0.1:<port>` (append any path). */
  origin: string;
  deliveries: RecordedDelivery[];
  /** How to answer the next request: a status, optionally after a delay. @default 204 at once */
  respond: (delivery: RecordedDelivery) => { status: number; delayMs?: number };
  waitFor(predicate: (deliveries: RecordedDelivery[]) => boolean, timeoutMs?: number): Promise<RecordedDelivery[]>;
  close(): Promise<void>;
}

/** A receiver that keeps every request (headers and raw body) and answers as `respond` says: the test verifies signatures itself. */
export async function startRecordingReceiver(): Promise<RecordingReceiver> {
  const receiver: RecordingReceiver = {
    origin: '',
    deliveries: [],
    respond: () => ({ status: 204 }),
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.deliveries)) {
        if (Date.now() > deadline) throw new Error(`Timed out; received: ${receiver.deliveries.map((d) => `${d.path} ${d.event.type}`).join(', ') || 'nothing'}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return receiver.deliveries;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const delivery: RecordedDelivery = { path: request.url ?? '/', headers: request.headers, body, event: JSON.parse(body) };
      receiver.deliveries.push(delivery);
      const { status, delayMs = 0 } = receiver.respond(delivery);
      setTimeout(() => {
        if (!response.destroyed) response.writeHead(status).end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
