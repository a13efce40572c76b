import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { permissionError } from '../errors/errors';
import { ALLOW_KEY, OPERATION_KEY, PUBLIC_KEY } from './allow.decorator';
import { CredentialResolver } from './credential-resolver';
import { CustomerViewResolver } from './customer-view-resolver';
import type { Credential, CredentialKind, Operation } from './credential';
import { resolveCredentialOnce, setCredential } from './request-context';

/** Authenticates every route (401) and lets each credential kind do exactly what its route allows (403). */
@Injectable()
export class CredentialGuard implements CanActivate {
  readonly #reflector: Reflector;
  readonly #credentials: CredentialResolver;
  readonly #views: CustomerViewResolver;

  constructor(
    @Inject(Reflector) reflector: Reflector,
    @Inject(CredentialResolver) credentials: CredentialResolver,
    @Inject(CustomerViewResolver) views: CustomerViewResolver,
  ) {
    this.#reflector = reflector;
    this.#credentials = credentials;
    this.#views = views;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.#reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.#reflector.getAllAndOverride<CredentialKind[]>(ALLOW_KEY, targets) ?? [];
    const operation = this.#reflector.getAllAndOverride<Operation | undefined>(OPERATION_KEY, targets);
    const request = context.switchToHttp().getRequest<Request>();
    const credential = await resolveCredentialOnce(request, (authorization) => this.#credentials.resolve(authorization));
    if (!allowed.includes(credential.kind)) throw refusal(credential, request);
    const view = operation ? await this.#views.resolve(credential, operation, request) : undefined;
    setCredential(request, credential, view);
    return true;
  }
}

function refusal(credential: Credential, request: Request) {
  const route = `${request.method} ${request.path}`;
  switch (credential.kind) {
    case 'publishable':
      return permissionError(
        'publishable_key_not_allowed',
        `Publishable keys only read products and the /v1/me view; ${route} needs a secret key, from your server.`,
      );
    case 'session':
      return permissionError(
        'session_token_not_allowed',
        `Session tokens call /v1/me* and read /v1/products; ${route} needs a secret key, from your server.`,
      );
    case 'secret':
      return permissionError('secret_key_not_allowed', `${route} is one customer's view and needs a session token; with a secret key use /v1/customers/:id.`);
  }
}
