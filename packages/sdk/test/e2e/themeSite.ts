import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { cookieSessionRoute, signIn } from './cookieSessionRoute';
import type { BillingOS } from '@billingos/node';
import type { GalleryProps } from './theme-page/Gallery';

export interface ThemeSite {
  url: string;
  close(): Promise<void>;
}

// A light page that declares nothing about colour schemes, and a dark one that paints itself dark.
const PAGE_CSS = `
  body { margin: 0; background: #ffffff; color: #1f2937; font: 15px/1.5 system-ui, sans-serif; }
  body:has(.page-dark) { background: #0b0e14; color: #e5e7eb; }
  .page { max-width: 1000px; margin: 0 auto; padding: 24px; display: grid; gap: 24px; grid-template-columns: 1fr 260px; }
  .page h1 { grid-column: 1 / -1; font-size: 20px; margin: 0; }
  #pricing { grid-column: 1 / -1; }
  .sidebar-title { font-size: 15px; margin: 0 0 8px; }
  #pricing h2 { font-size: 17px; margin: 0 0 12px; }
`;

/**
 * The merchant's site for the theme suite: `/login?uid=` sets the auth cookie, `/?page=&theme=`
 * renders the gallery (every component, client-side), `/api/billingos-session` is the session route.
 */
export async function startThemeSite(billing: BillingOS, apiUrl: string, publishableKey: string): Promise<ThemeSite> {
  const bundle = await build({
    entryPoints: [join(__dirname, 'theme-page', 'Gallery.tsx')],
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
    } else if (url.pathname === '/gallery.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (url.pathname === '/') {
      const props: GalleryProps = {
        apiUrl,
        publishableKey,
        page: url.searchParams.get('page') === 'dark' ? 'dark' : 'light',
        theme: (['light', 'dark'] as const).find((theme) => theme === url.searchParams.get('theme')) ?? 'auto',
      };
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Analytics</title><link rel="icon" href="data:,">` +
          `<style>${PAGE_CSS}</style><style>${styles}</style></head><body><div id="root"></div>` +
          `<script>window.GALLERY=${JSON.stringify(props)}</script><script type="module" src="/gallery.js"></script></body></html>`,
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
