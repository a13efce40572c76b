// An ESM merchant app using the BUILT package: import must resolve index.js.
import { BillingOS, NotFoundError, isBillingOSError, Webhooks } from '@billingos/node';
import { createSessionRoute } from '@billingos/node/helpers/generic';

const billing = new BillingOS({ secretKey: process.env.SECRET_KEY, apiUrl: process.env.API_URL });
const token = await billing.createSessionToken({ externalUserId: 'user_esm' });
const notFound = await billing.customers.retrieve('cus_missing').catch((error) => error);
const webhooks = new Webhooks({ secret: process.env.WEBHOOK_SECRET });
const payload = JSON.stringify({ id: 'evt_esm', type: 'customer.created', createdAt: new Date().toISOString(), data: {} });
const event = await webhooks.constructEventAsync(payload, webhooks.generateTestHeaders({ payload }));
const route = createSessionRoute({ billingos: billing }, () => ({ userId: 'user_esm_route' }));
const response = await route(new Request('http://merchant.test/session'));
console.log(
  JSON.stringify({
    format: typeof module === 'object' ? 'cjs' : 'esm',
    resolved: import.meta.resolve('@billingos/node'),
    hasToken: typeof token.sessionToken === 'string' && token.expiresAt instanceof Date,
    notFound: notFound instanceof NotFoundError && isBillingOSError(notFound) && notFound.requestId.startsWith('req_'),
    eventId: event.id,
    routeStatus: response.status,
  }),
);
