import type { IncomingMessageLike } from '@billingos/node';

/** Whether `request` is a Web `Request` (checked by shape, so it holds across realms). */
export function isWebRequest(request: Request | IncomingMessageLike): request is Request {
  return typeof (request.headers as { get?: unknown }).get === 'function';
}
