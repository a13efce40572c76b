// Type-checked against the BUILT declarations (index.d.ts) with moduleResolution node16.
import { BillingOS, isBillingOSError } from '@billingos/node';
import type { SessionToken } from '@billingos/node';
import { createSessionRoute } from '@billingos/node/helpers/generic';
import type { SessionRouteConfig } from '@billingos/node/helpers/generic';

const billing = new BillingOS({ secretKey: 'sk_test_0123456789' });
const config: SessionRouteConfig = { billingos: billing };
export const route: (request: Request) => Promise<Response> = createSessionRoute(config, () => null);
export const token: Promise<SessionToken> = billing.createSessionToken({ externalUserId: 'u' });
export const guard: boolean = isBillingOSError(new Error('x'));
