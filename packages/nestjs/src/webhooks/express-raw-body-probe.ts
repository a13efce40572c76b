import { Readable } from 'node:stream';

type Middleware = (req: unknown, res: unknown, next: (error?: unknown) => void) => void;
interface ExpressLike {
  router?: { stack?: Array<{ handle?: Middleware }> };
  _router?: { stack?: Array<{ handle?: Middleware }> };
}

/**
 * Whether an Express app's global JSON parser keeps the raw body, found by running one
 * in-memory request through that parser alone (no route, guard or middleware of yours runs).
 * Nest keeps `rawBody` in its private application options, so asking the parser is the only
 * way to know at start-up. `undefined` when there is no global JSON parser or it cannot tell.
 */
export async function expressParserKeepsRawBody(app: unknown): Promise<boolean | undefined> {
  const express = app as ExpressLike;
  const stack = express.router?.stack ?? express._router?.stack ?? [];
  const parser = stack.find((layer) => layer.handle?.name === 'jsonParser')?.handle;
  if (!parser) return undefined;
  const probe = Object.assign(Readable.from([Buffer.from('{}')]), {
    method: 'POST',
    url: '/',
    headers: { 'content-type': 'application/json', 'content-length': '2' },
  });
  try {
    await new Promise<void>((resolve, reject) => parser(probe, {}, (error) => (error ? reject(error) : resolve())));
  } catch {
    return undefined;
  }
  return (probe as { rawBody?: unknown }).rawBody instanceof Uint8Array;
}
