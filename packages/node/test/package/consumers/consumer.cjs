// A CommonJS merchant app using the BUILT package: require() must resolve index.cjs.
const { BillingOS, NotFoundError, isBillingOSError, Webhooks } = require('@billingos/node');
const { createSessionRoute } = require('@billingos/node/helpers/generic');

async function main() {
  const billing = new BillingOS({ secretKey: process.env.SECRET_KEY, apiUrl: process.env.API_URL });
  const token = await billing.createSessionToken({ externalUserId: 'user_cjs' });
  const notFound = await billing.customers.retrieve('cus_missing').catch((error) => error);
  const webhooks = new Webhooks({ secret: process.env.WEBHOOK_SECRET });
  const payload = JSON.stringify({ id: 'evt_cjs', type: 'customer.created', createdAt: new Date().toISOString(), data: {} });
  const event = webhooks.constructEvent(payload, webhooks.generateTestHeader({ payload }));
  const route = createSessionRoute({ billingos: billing }, () => ({ userId: 'user_cjs_route' }));
  const response = await route(new Request('http://merchant.test/session'));
  console.log(
    JSON.stringify({
      format: typeof module === 'object' ? 'cjs' : 'esm',
      resolved: require.resolve('@billingos/node'),
      hasToken: typeof token.sessionToken === 'string' && token.expiresAt instanceof Date,
      notFound: notFound instanceof NotFoundError && isBillingOSError(notFound) && notFound.requestId.startsWith('req_'),
      eventId: event.id,
      routeStatus: response.status,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
