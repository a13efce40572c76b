import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/** A dead webhook endpoint: it accepts connections, reads the request and never answers. */
export interface SilentReceiver {
  /** `http://127.0.0.1:<port>` (append any path). */
  origin: string;
  /** Requests now waiting for an answer, per request path. */
  open(path?: string): number;
  /** The most requests that ever waited at once, per request path. */
  mostOpen(path: string): number;
  /** Requests received in all, per request path. */
  received(path?: string): number;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  /** Drops every connection (the API sees them closed) and stops listening. */
  close(): Promise<void>;
}

export async function startSilentReceiver(): Promise<SilentReceiver> {
  const openBy = new Map<string, Set<Socket>>();
  const most = new Map<string, number>();
  const count = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    let head = '';
    let path: string | undefined;
    socket.on('data', (chunk: Buffer) => {
      if (path !== undefined) return;
      head += chunk.toString('latin1');
      const line = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r\n/.exec(head);
      if (!line) return;
      path = line[1]!;
      const open = openBy.get(path) ?? new Set<Socket>();
      open.add(socket);
      openBy.set(path, open);
      most.set(path, Math.max(most.get(path) ?? 0, open.size));
      count.set(path, (count.get(path) ?? 0) + 1);
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (path !== undefined) openBy.get(path)?.delete(socket);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sum = (map: Map<string, number | Set<Socket>>) => [...map.values()].reduce<number>((total, value) => total + (typeof value === 'number' ? value : value.size), 0);
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    open: (path) => (path === undefined ? sum(openBy) : (openBy.get(path)?.size ?? 0)),
    mostOpen: (path) => most.get(path) ?? 0,
    received: (path) => (path === undefined ? sum(count) : (count.get(path) ?? 0)),
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`Timed out; requests waiting per path: ${JSON.stringify(Object.fromEntries([...openBy].map(([path, open]) => [path, open.size])))}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
