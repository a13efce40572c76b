// Type-checked against the PACKED package with `module: commonjs` and no moduleResolution (node10,
// the NestJS default): subpaths resolve through typesVersions, not exports.
import { BillingOS, isBillingOSError } from '@billingos/node';
import type { SessionToken } from '@billingos/node';
import { createSessionHandler, createSessionRoute, isFrameworkControlFlow } from '@billingos/node/helpers/generic';
import type { SessionRouteConfig } from '@billingos/node/helpers/generic';

const billing = new BillingOS({ secretKey: 'sk_test_0123456789' });
const config: SessionRouteConfig = { billingos: billing };
export const route = createSessionRoute(config, async () => ({ userId: 'u' }));
export const handler = createSessionHandler(config, () => null);
export const token: Promise<SessionToken> = billing.createSessionToken({ externalUserId: 'u' });
export const checks: boolean[] = [isBillingOSError(new Error('x')), isFrameworkControlFlow(new Error('x'))];

import { createWebhookRoute, Webhooks, WebhookVerificationError } from '@billingos/node/webhooks';
import type { BillingOSEvent } from '@billingos/node/webhooks';
export const webhookRoute = createWebhookRoute({ secret: 'whsec_MDEyMzQ1Njc4OQ==', on: { 'customer.created': (event) => void event.data.id } });
export const verifier = new Webhooks({ secret: 'whsec_MDEyMzQ1Njc4OQ==' });
export const isVerificationError = (error: unknown): boolean => error instanceof WebhookVerificationError;
export type Event = BillingOSEvent;
