import type { NextFunction, Request, Response } from 'express';
import type { INestApplication } from '@nestjs/common';
import type { OpenApiDocument } from './build-openapi-document';
import { renderDocsPage } from './docs-page';
import { DOCS_CSS } from './docs-style';
import { OpenApiDocumentProvider } from './openapi-document.provider';

// No script at all; frame-ancestors: nothing may frame a page of ours (clickjacking).
const CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `GET /docs`: the API reference, one page rendered on the server from `GET /v1/openapi.json`'s
 * document, and `/docs/docs.css`. No dependency and no script. Plain middleware (not a route),
 * so the document describes the API only.
 */
export function serveDocs(app: Pick<INestApplication, 'get'>): (request: Request, response: Response, next: NextFunction) => void {
  const pages = new WeakMap<OpenApiDocument, string>();
  return (request, response, next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !/^\/docs(\/|$)/.test(request.path)) return next();
    const file = request.path.slice('/docs/'.length);
    if (file !== '' && file !== 'index.html' && file !== 'docs.css') return next();
    response.setHeader('Content-Security-Policy', CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-cache');
    if (file === 'docs.css') {
      response.type('text/css').send(DOCS_CSS);
      return;
    }
    const document = app.get(OpenApiDocumentProvider).document;
    let page = pages.get(document);
    if (page === undefined) pages.set(document, (page = renderDocsPage(document)));
    response.type('html').send(page);
  };
}
