import { SetMetadata } from '@nestjs/common';
import type { CredentialKind, Operation } from './credential';

export const ALLOW_KEY = 'billingos:allow';
export const OPERATION_KEY = 'billingos:operation';
export const PUBLIC_KEY = 'billingos:public';

/** Which credential kinds may call this route; routes without it (and without @Public) are refused. */
export const Allow = (...kinds: CredentialKind[]) => SetMetadata(ALLOW_KEY, kinds);

/** A `/v1/me*` route: the caller must hold `operation` for its customer. */
export const RequireOperation = (operation: Operation) => SetMetadata(OPERATION_KEY, operation);

/**
 * Needs no API credential (`GET /health`); or, with `authorisedBy`, is authorised by something
 * else the handler checks itself (a checkout's client secret), which the OpenAPI document names.
 */
export const Public = (authorisedBy?: 'checkoutClientSecret') => SetMetadata(PUBLIC_KEY, authorisedBy ?? true);
