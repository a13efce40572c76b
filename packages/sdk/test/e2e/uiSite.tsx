import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { renderToString } from 'react-dom/server';
import { cookieSessionRoute, signIn } from './cookieSessionRoute';
import type { BillingOS } from '@billingos/node';
import { App, type AppProps } from './ui-page/App';

export interface UISite {
  url: string;
  close(): Promise<void>;
}

const PAGE_CSS = `
  body { margin: 0; background: #f6f7fb; }
  body:has(.page-dark) { background: #0b0e14; color: #e5e7eb; }
  .page { max-width: 980px; margin: 0 auto; padding: 32px 24px 48px; font-family: system-ui, sans-serif; display: grid; gap: 20px; }
  .page header { display: flex; align-items: center; justify-content: space-between; }
  .page h1 { font-size: 22px; margin: 0; }
  .page #gate p { margin: 0; }
  #refresh { font: inherit; padding: 6px 12px; }
`;

/**
 * The merchant's site for the UI suite: `/login?uid=` sets the auth cookie, `/?theme=` answers the
 * server-rendered page (hydrated by ui-page/main.tsx, bundled in development mode so React's
 * warnings reach the console), `/api/billingos-session` is the session route.
 */
export async function startUISite(billing: BillingOS, apiUrl: string): Promise<UISite> {
  const bundle = await build({
    entryPoints: [join(__dirname, 'ui-page', 'main.tsx')],
    bundle: true,
    write: false,
    format: 'esm',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'error',
  });
  const script = bundle.outputFiles[0]!.text;
  const styles = readFileSync(join(__dirname, '..', '..', 'src', 'ui', 'styles.css'), 'utf8');
  const sessionRoute = cookieSessionRoute(billing);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/billingos-session') {
      void sessionRoute(req, res);
    } else if (url.pathname === '/login') {
      signIn(url, res);
    } else if (url.pathname === '/main.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (url.pathname === '/') {
      const props: AppProps = { apiUrl, theme: url.searchParams.get('theme') === 'dark' ? 'dark' : 'light' };
      const html = renderToString(<App {...props} />);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Billing — Acme Analytics</title><link rel="icon" href="data:,">` +
          `<style>${PAGE_CSS}</style><style>${styles}</style></head><body><div id="root">${html}</div>` +
          `<script>window.PAGE_PROPS=${JSON.stringify(props)}</script><script type="module" src="/main.js"></script></body></html>`,
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
