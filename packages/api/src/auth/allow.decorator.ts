import { SetMetadata } from '@nestjs/common';
import type { CredentialKind, Operation } from './credential';

export const ALLOW_KEY = 'billingos:allow';
export const OPERATION_KEY = 'billingos:operation';
export const PUBLIC_KEY = 'billingos:public';

/** Which credential kinds may call this route; routes without it (and without @Public) are refused. */
export const Allow = (...kinds: CredentialKind[]) => SetMetadata(ALLOW_KEY, kinds);

/** A `/v1/me*` route: the caller must hold `operation` for its customer. */
export const RequireOperation = (operation: Operation) => SetMetadata(OPERATION_KEY, operation);

/** Needs no credential (`GET /health`). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
