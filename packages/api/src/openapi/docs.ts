import { dirname, join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** swagger-ui-dist's files `/docs` serves, from the installed package (no CDN). */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css',
  'index.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>BillingOS API reference</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="stylesheet" href="/docs/index.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/billingos-docs.js"></script>
  </body>
</html>
`;

/** Our initializer, a file of its own so the page runs under a CSP without inline scripts. */
const INITIALIZER = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // BaseLayout: the reference alone, without Swagger's top bar for loading other documents
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

// frame-ancestors: the page invites pasting a key into "Authorize", so no other site may frame it.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'";

/**
 * `GET /docs`: the API reference, Swagger UI rendering `GET /v1/openapi.json`, all from this
 * server. Plain middleware (not a route), so the document describes the API only.
 */
export function serveDocs(): (request: Request, response: Response, next: NextFunction) => void {
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  return (request, response, next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !/^\/docs(\/|$)/.test(request.path)) return next();
    const file = request.path.slice('/docs/'.length);
    response.setHeader('Content-Security-Policy', CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-cache');
    if (file === '' || file === 'index.html') {
      response.type('html').send(INDEX_HTML);
    } else if (file === 'billingos-docs.js') {
      response.type('text/javascript').send(INITIALIZER);
    } else if (Object.hasOwn(ASSETS, file)) {
      response.type(ASSETS[file]!).sendFile(join(root, file));
    } else {
      next();
    }
  };
}
