import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { Webhooks } from '@billingos/node';
import { until } from './cli-process';

/** One forwarded event as the receiver saw it. */
export interface Received {
  path: string;
  type: string;
  id: string;
  webhookId: string;
  data: any;
  /** Verified with `billingos-signature` (@billingos/node) and with the Standard Webhooks headers (standardwebhooks). */
  billingos: boolean;
  standard: boolean;
}

/** What `POST /reject` answers: 422 and a body of several lines, longer than listen prints. */
export const REJECTION = `{"error":{\n  "code": "signature_mismatch",\n  "message": "${'no signature matches the secret; '.repeat(10)}"\n}}`;

export interface VerifyingReceiver {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  received: Received[];
  /** The secret deliveries are verified with: set it to what listen printed. */
  secret: string;
  waitFor(predicate: (event: Received) => boolean, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

/**
 * A local app's webhook route: verifies each delivery with `secret` both ways and answers 204,
 * or 400 when a signature fails; `POST /reject` always answers 422 with `REJECTION`.
 */
export async function startVerifyingReceiver(): Promise<VerifyingReceiver> {
  const receiver: VerifyingReceiver = {
    origin: '',
    received: [],
    secret: '',
    waitFor: (predicate, timeoutMs) =>
      until(
        () => receiver.received.find(predicate),
        () => `an event; received: ${receiver.received.map((each) => `${each.type} at ${each.path}`).join(', ') || 'nothing'}`,
        timeoutMs,
      ),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const billingos = receiver.secret !== '' && new Webhooks({ secret: receiver.secret }).verify(body, { 'billingos-signature': headers['billingos-signature']! });
      let standard = true;
      try {
        new Webhook(receiver.secret.slice('whsec_'.length)).verify(body, headers);
      } catch {
        standard = false;
      }
      const event = JSON.parse(body);
      receiver.received.push({ path: request.url ?? '', type: event.type, id: event.id, webhookId: headers['webhook-id']!, data: event.data, billingos, standard });
      if (request.url === '/reject') response.writeHead(422, { 'Content-Type': 'application/json' }).end(REJECTION);
      else response.writeHead(billingos && standard ? 204 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
