import type { ServerResponseLike, SessionRoute } from '@billingos/node';
import { toWebRequest, type NodeRequest } from '../http/web-request';

/** A Node `(req, res)` handler: Next.js Pages Router, Express, Fastify (`reply.raw`). */
export type NodeSessionHandler = (req: NodeRequest, res: ServerResponseLike) => Promise<void>;

/** Serves a Web route to Node's `(req, res)`. */
export function toNodeHandler(route: SessionRoute): NodeSessionHandler {
  return async (req, res) => send(await route(toWebRequest(req)), res);
}

async function send(response: Response, res: ServerResponseLike): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(await response.text());
}
