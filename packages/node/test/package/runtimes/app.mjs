// A merchant's server in any Web runtime, built on the PACKED package: the runner copies this
// folder next to a node_modules holding the tarball, so '@billingos/node' is never the workspace.
import { AuthProvider, BillingOS, createWebhookRoute } from '@billingos/node';
import { createSessionRoute } from '@billingos/node/helpers/generic';
import { Webhooks } from '@billingos/node/webhooks';

/** The logged-in user is whoever `x-user-id` names: the smallest auth there is. */
class HeaderAuth extends AuthProvider {
  async authenticate(request) {
    const userId = request.headers.get('x-user-id');
    return userId ? { userId } : null;
  }
}

/**
 * The routes the runtime test calls. `secretKey` and `apiUrl` left undefined come from the
 * environment (BILLINGOS_SECRET_KEY, BILLINGOS_API_URL), as in a merchant's app; the webhook
 * secret is passed, as a standalone `Webhooks` needs.
 */
export function createApp({ runtime, secretKey, apiUrl, webhookSecret }) {
  const billing = new BillingOS({ secretKey, apiUrl, authProvider: HeaderAuth });
  const providerRoute = billing.createSessionRoute();
  const functionRoute = createSessionRoute({ secretKey, apiUrl }, (request) => {
    const userId = request.headers.get('x-user-id');
    return userId ? { userId } : null;
  });
  const webhooks = new Webhooks({ secret: webhookSecret });
  const handled = [];
  const webhookRoute = createWebhookRoute({ secret: webhookSecret, on: { 'customer.created': (event) => void handled.push(event.id) } });

  const routes = {
    '/ready': () => Response.json({ runtime }),
    '/session': providerRoute,
    '/session/generic': functionRoute,
    '/construct-event': async (request) => {
      try {
        const event = await webhooks.constructEventAsync(await request.text(), request.headers);
        return Response.json({ id: event.id, type: event.type });
      } catch (error) {
        return Response.json({ name: error.name, code: error.code }, { status: 400 });
      }
    },
    '/webhooks': webhookRoute,
    '/handled': () => Response.json(handled),
  };
  return (request) => (routes[new URL(request.url).pathname] ?? (() => new Response(null, { status: 404 })))(request);
}
