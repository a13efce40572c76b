import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as it reached the receiver: the raw bytes and headers, for verification by the test. */
export interface Delivery {
  raw: Buffer;
  headers: IncomingHttpHeaders;
}

export interface RecordingReceiver {
  /** `http://127.0.0.1:<port>/webhooks` */
  url: string;
  /** Every delivery, in arrival order. */
  deliveries: Delivery[];
  close(): Promise<void>;
}

/** A merchant's webhook endpoint on a free port that answers 204 and keeps what arrived. */
export async function startRecordingReceiver(): Promise<RecordingReceiver> {
  const deliveries: Delivery[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    deliveries.push({ raw: Buffer.concat(chunks), headers: req.headers });
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    deliveries,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
