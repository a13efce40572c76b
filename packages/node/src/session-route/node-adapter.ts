/** The parts of Node's `IncomingMessage` (Express, Fastify's `raw`, Pages Router) the handler reads. */
export interface IncomingMessageLike {
  method?: string;
  url?: string;
  originalUrl?: string;
  headers: Record<string, string | string[] | undefined>;
  /** A TLS socket (`encrypted: true`) makes the URL https. */
  socket?: object | null;
}

/** The parts of Node's `ServerResponse` the handler writes. */
export interface ServerResponseLike {
  statusCode: number;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  end(body?: string): unknown;
}

/** A `(req, res)` handler for Express, Fastify and the Next.js Pages Router. */
export type SessionHandler = (req: IncomingMessageLike, res: ServerResponseLike) => Promise<void>;

/** Converts a Node request to a Web `Request` (method, URL, headers incl. cookies; no body needed). */
export function toWebRequest(req: IncomingMessageLike): Request {
  const encrypted = (req.socket as { encrypted?: boolean } | null | undefined)?.encrypted === true;
  const protocol = encrypted || first(req.headers['x-forwarded-proto']) === 'https' ? 'https' : 'http';
  const host = first(req.headers['x-forwarded-host']) ?? first(req.headers.host) ?? 'localhost';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2 pseudo-headers (`:path`, `:authority`) are not valid header names for `Headers`.
    if (value === undefined || name.startsWith(':')) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return new Request(new URL(req.originalUrl ?? req.url ?? '/', `${protocol}://${host}`), { method: webMethod(req.method), headers });
}

/** Writes a Web `Response` to a Node response. */
export async function sendWebResponse(response: Response, res: ServerResponseLike): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    res.setHeader(name, value);
  });
  res.end(await response.text());
}

/** Wraps a Web route as a Node `(req, res)` handler. */
export function toNodeHandler(route: (request: Request) => Promise<Response>): SessionHandler {
  return async (req, res) => sendWebResponse(await route(toWebRequest(req)), res);
}

/** The request's method where a body-less `Request` can carry it (not CONNECT/TRACE), so routes can answer 405. */
function webMethod(method: string | undefined): string {
  const upper = method?.toUpperCase();
  return upper && /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(upper) ? upper : 'GET';
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
