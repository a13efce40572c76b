import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createSessionHandler } from '@billingos/node/helpers/generic';
import type { BillingOS } from '@billingos/node';

export interface MerchantSite {
  url: string;
  /** Requests the session route answered. */
  tokenRequests: number;
  close(): Promise<void>;
}

/**
 * The merchant's web app on one origin: `/login?uid=` sets the auth cookie, `/` is the page
 * (bundled with esbuild from page/app.tsx), `/api/billingos-session` the session route built on
 * @billingos/node.
 */
export async function startMerchantSite(billing: BillingOS, apiUrl: string, expiresIn: number): Promise<MerchantSite> {
  const bundle = await build({
    entryPoints: [join(__dirname, 'page', 'app.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  const sessionRoute = createSessionHandler({ billingos: billing, expiresIn }, (request) => {
    const uid = /(?:^|;\s*)uid=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
    return uid ? { userId: uid } : null;
  });
  const site = { tokenRequests: 0 } as MerchantSite;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/billingos-session') {
      site.tokenRequests += 1;
      void sessionRoute(req, res);
    } else if (url.pathname === '/login') {
      res.writeHead(302, { 'set-cookie': `uid=${url.searchParams.get('uid')}; Path=/; HttpOnly`, location: '/' }).end();
    } else if (url.pathname === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end(`<!doctype html><div id="root"></div><script>window.BILLINGOS_API_URL=${JSON.stringify(apiUrl)}</script><script type="module" src="/app.js"></script>`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return site;
}
