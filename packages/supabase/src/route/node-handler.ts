import type { ServerResponseLike, SessionHandler, SessionRoute } from '@billingos/node';
import { toWebRequest } from '../http/web-request';

/**
 * Serves a Web route to Node's `(req, res)`: Next.js Pages Router, Express, Fastify
 * (`reply.raw`). @billingos/node keeps its own adapter internal, so this is the small mirror.
 */
export function toNodeHandler(route: SessionRoute): SessionHandler {
  return async (req, res) => send(await route(toWebRequest(req)), res);
}

async function send(response: Response, res: ServerResponseLike): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(await response.text());
}
