import type { IncomingMessageLike } from '@billingos/node';

/** Whether `request` is a Web `Request` (checked by shape, so it holds across realms). */
export function isWebRequest(request: Request | IncomingMessageLike): request is Request {
  return typeof (request.headers as { get?: unknown }).get === 'function';
}

/** A Web `Request` with the method, URL and headers (cookies included) of a Node request; no body is needed. */
export function toWebRequest(req: IncomingMessageLike): Request {
  const encrypted = (req.socket as { encrypted?: unknown } | null | undefined)?.encrypted === true || first(req.headers['x-forwarded-proto']) === 'https';
  const host = first(req.headers['x-forwarded-host']) ?? first(req.headers.host) ?? 'localhost';
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of value === undefined ? [] : Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const url = new URL(req.originalUrl ?? req.url ?? '/', `${encrypted ? 'https' : 'http'}://${host}`);
  return new Request(url, { method: req.method ?? 'GET', headers });
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
