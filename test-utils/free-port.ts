import { createServer } from 'node:net';

/**
 * A loopback port nobody listens on right now. Another process may take it before whoever it is
 * for binds it: let a child listen on port 0 and report its port where it can, and start the
 * others through {@link onFreePort}.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `start` on a free port, and again on a new one when it fails because the port was taken
 * in between (`EADDRINUSE` in the error), at most `attempts` times.
 *
 * @example
 * const example = await onFreePort((port) => startExample(port, env));
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (error) {
      if (attempt >= attempts || !/EADDRINUSE/.test(error instanceof Error ? error.message : String(error))) throw error;
    }
  }
}
