import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Credential, CustomerView } from './credential';

const credentials = new WeakMap<Request, Credential>();
const views = new WeakMap<Request, CustomerView>();
const resolutions = new WeakMap<Request, Promise<Credential>>();

/**
 * The request's credential, resolved once however many guards ask (the rate limiter keys on it
 * before the credential guard decides what it may do); a refusal is kept and rethrown the same way.
 */
export function resolveCredentialOnce(request: Request, resolve: (authorization: string | undefined) => Promise<Credential>): Promise<Credential> {
  let resolution = resolutions.get(request);
  if (!resolution) {
    resolution = resolve(request.headers.authorization);
    resolutions.set(request, resolution);
  }
  return resolution;
}

export function setCredential(request: Request, credential: Credential, view?: CustomerView): void {
  credentials.set(request, credential);
  if (view) views.set(request, view);
}

export function credentialOf(request: Request): Credential | undefined {
  return credentials.get(request);
}

/** The credential the guard established; handlers only run once there is one. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Credential => {
  const credential = credentials.get(context.switchToHttp().getRequest<Request>());
  if (!credential) throw new Error('Caller used on a route without @Allow(): the guard established no credential.');
  return credential;
});

/** The customer a `/v1/me*` request is about. */
export const Viewer = createParamDecorator((_: unknown, context: ExecutionContext): CustomerView => {
  const view = views.get(context.switchToHttp().getRequest<Request>());
  if (!view) throw new Error('Viewer used on a route without @RequireOperation(): the guard resolved no customer.');
  return view;
});
