import type { ServerResponse } from 'node:http';
import { createSessionHandler } from '@billingos/node/helpers/generic';
import type { BillingOS } from '@billingos/node';

/** The e2e sites' session route: the signed-in user is the `uid` cookie that `signIn` sets. */
export function cookieSessionRoute(billing: BillingOS) {
  return createSessionHandler(
    { billingos: billing, allowedOperations: ['read_customer', 'read_subscription', 'read_entitlements', 'manage_subscription'] },
    (request) => {
      const uid = /(?:^|;\s*)uid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      return uid ? { userId: uid } : null;
    },
  );
}

/** `/login?uid=…`: signs the browser in as that user (an HttpOnly cookie), then goes home. */
export function signIn(url: URL, res: ServerResponse): void {
  res.writeHead(302, { 'set-cookie': `uid=${url.searchParams.get('uid')}; Path=/; HttpOnly`, location: '/' }).end();
}
