import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** A `GET /v1/events/stream` made on a bare socket, so a test decides when (and whether) it reads. */
export interface RawEventStream {
  /** The HTTP status the API answered. */
  status: number;
  /** Bytes read from the socket so far, the response head included. */
  bytesRead(): number;
  /** Resolves when the connection is closed, by the server or by `destroy()`. */
  closed: Promise<void>;
  /** Stops reading: the server's writes back up once the socket buffers fill. */
  pause(): void;
  /** Reads again (and throws away what it reads). */
  resume(): void;
  destroy(): void;
}

/**
 * Opens an event stream with `key` and resolves once it is open (its `: connected` comment
 * arrived) or refused (any status but 200; the refusal's connection is closed).
 */
export function openRawEventStream(baseUrl: string, key: string): Promise<RawEventStream> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  socket.setNoDelay(true);
  socket.write(`GET /v1/events/stream HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${key}\r\nAccept: text/event-stream\r\n\r\n`);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  let bytes = 0;
  let head = '';
  let opened = false;
  return new Promise<RawEventStream>((resolve, reject) => {
    const open = (status: number) => {
      opened = true;
      resolve(streamOf(socket, status, () => bytes, closed));
    };
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (opened) return;
      head += chunk.toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      if (status && status !== 200) {
        socket.destroy();
        open(status);
      } else if (status === 200 && head.includes(': connected')) {
        open(status);
      }
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`The event stream closed before it opened: ${JSON.stringify(head.slice(0, 200))}`)));
  });
}

function streamOf(socket: Socket, status: number, bytesRead: () => number, closed: Promise<void>): RawEventStream {
  socket.on('error', () => undefined);
  return {
    status,
    bytesRead,
    closed,
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    destroy: () => socket.destroy(),
  };
}
