import type { ServerResponseLike, SessionRoute } from '@billingos/node';

/**
 * The parts of Node's `IncomingMessage` (Next.js `NextApiRequest`, Express, Fastify's `raw`)
 * the handler reads. `socket` is typed loosely on purpose: `net.Socket` has no `encrypted`,
 * and a type of only optional properties would reject it.
 */
export interface NodeRequest {
  method?: string;
  url?: string;
  /** Express keeps the full path here when the route is mounted under a prefix. */
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  socket?: object | null;
}

/** A Node `(req, res)` handler: Next.js Pages Router, Express, Fastify (`reply.raw`). */
export type NodeSessionHandler = (req: NodeRequest, res: ServerResponseLike) => Promise<void>;

/**
 * Serves a Web route to Node's `(req, res)` (Next.js Pages Router, Express, Fastify's
 * `reply.raw`): method, URL and headers (cookies included) become a `Request`; the route
 * reads no body.
 */
export function toNodeHandler(route: SessionRoute): NodeSessionHandler {
  return async (req, res) => send(await route(toRequest(req)), res);
}

function toRequest(req: NodeRequest): Request {
  const encrypted = (req.socket as { encrypted?: unknown } | null | undefined)?.encrypted === true || first(req.headers['x-forwarded-proto']) === 'https';
  const host = first(req.headers['x-forwarded-host']) ?? first(req.headers.host) ?? 'localhost';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${encrypted ? 'https' : 'http'}://${host}`);
  return new Request(url, { method: req.method ?? 'GET', headers });
}

async function send(response: Response, res: ServerResponseLike): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(await response.text());
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
