// Type-checked against the BUILT declarations (index.d.cts) with moduleResolution node16.
import { BillingOS } from '@billingos/node';
import type { SessionToken } from '@billingos/node';
import { createSessionHandler } from '@billingos/node/helpers/generic';
import type { SessionRouteConfig } from '@billingos/node/helpers/generic';

const billing = new BillingOS({ secretKey: 'sk_test_0123456789' });
const config: SessionRouteConfig = { billingos: billing };
export const handler = createSessionHandler(config, () => null);
export const token: Promise<SessionToken> = billing.createSessionToken({ externalUserId: 'u' });
