import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cookieSessionRoute, signIn } from './cookieSessionRoute';
import type { BillingOS } from '@billingos/node';
import type { CheckoutPageProps } from './checkout-page/main';

export interface CheckoutSite {
  url: string;
  close(): Promise<void>;
}

const PAGE_CSS = `
  body { margin: 0; background: #f6f7fb; color: #1f2937; font: 15px/1.5 system-ui, sans-serif; }
  body:has(.page-dark) { background: #0b0e14; color: #e5e7eb; }
  .page { max-width: 480px; margin: 0 auto; padding: 32px 24px; display: grid; gap: 16px; }
  .page h1 { font-size: 20px; margin: 0; }
`;

/**
 * The merchant's site for the checkout suite: `/login?uid=` sets the auth cookie, `/?price=&theme=`
 * answers the checkout page (rendered in the browser from checkout-page/main.tsx, in development
 * mode so React's warnings reach the console), `/welcome` is the success page,
 * `/api/billingos-session` the session route.
 */
export async function startCheckoutSite(billing: BillingOS, apiUrl: string): Promise<CheckoutSite> {
  const bundle = await build({
    entryPoints: [join(__dirname, 'checkout-page', 'main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  const src = join(__dirname, '..', '..', 'src');
  const styles = ['ui/styles.css', 'checkout/styles.css'].map((file) => readFileSync(join(src, file), 'utf8')).join('\n');
  const sessionRoute = cookieSessionRoute(billing);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/billingos-session') {
      void sessionRoute(req, res);
    } else if (url.pathname === '/login') {
      signIn(url, res);
    } else if (url.pathname === '/main.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (url.pathname === '/welcome') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><html lang="en"><head><title>Welcome</title><link rel="icon" href="data:,"></head><body><h1>Welcome aboard</h1></body></html>');
    } else if (url.pathname === '/') {
      const props: CheckoutPageProps = { apiUrl, priceId: url.searchParams.get('price') ?? '', theme: url.searchParams.get('theme') === 'dark' ? 'dark' : 'light' };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Checkout — Acme Analytics</title><link rel="icon" href="data:,">` +
          `<style>${PAGE_CSS}</style><style>${styles}</style></head><body><div id="root"></div>` +
          `<script>window.CHECKOUT_PAGE_PROPS=${JSON.stringify(props)}</script><script type="module" src="/main.js"></script></body></html>`,
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
