import type { IncomingMessage, ServerResponse } from 'node:http';

const API_VERSION_HEADER = 'x-supabase-api-version';
const API_VERSION_2024 = '2024-01-01';

/** A GoTrue `HTTPError`: the status, its machine code and the message people read. */
export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Renders an error as GoTrue does: clients that send `X-Supabase-Api-Version: 2024-01-01`
 * (auth-js does) get `{ code, message }` and the header echoed; older clients get
 * `{ code: <status>, error_code, msg }`.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, error: GoTrueError): void {
  if (req.headers[API_VERSION_HEADER] === API_VERSION_2024) {
    res.setHeader('X-Supabase-Api-Version', API_VERSION_2024);
    sendJson(res, error.status, { code: error.code, message: error.message });
    return;
  }
  sendJson(res, error.status, { code: error.status, error_code: error.code, msg: error.message });
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  } catch {
    throw new GoTrueError(400, 'bad_json', 'Could not parse request body as JSON');
  }
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}
