import { Catch, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toApiError } from '../errors/to-api-error';
import { html, sendHtmlPage } from './html-page';
import { noticePage, notFoundPage } from './notice-page';
import { requestIdOf } from './request-id';

/**
 * Errors on a page a buyer opened answer a page too (never the JSON envelope): not found, too
 * many tries, or a failure with its request id. Only the method and path are logged, never a body.
 */
@Catch()
export class HtmlErrorFilter implements ExceptionFilter {
  readonly #logger = new Logger('BillingOS');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const error = toApiError(exception);
    const requestId = requestIdOf(request, response);
    if (error.status >= 500) this.#logger.error(`${requestId} ${request.method} ${request.path.replace(/\/[^/]{24,}$/, '/…')}`, (exception as Error)?.stack);
    if (response.headersSent) return;
    response.set(error.headers);
    if (error.status === 404 || error.status === 401) return sendHtmlPage(response, 404, notFoundPage());
    if (error.status === 429) {
      return sendHtmlPage(response, 429, noticePage({ heading: 'Too many attempts', body: html`<p>Wait a minute, then reload this page.</p>` }));
    }
    const heading = error.status >= 500 ? 'Something went wrong' : 'This page could not be shown';
    const body = html`<p>Reload the page to try again; a payment is never taken twice.</p><p class="muted">If it keeps happening, quote this reference: ${requestId}</p>`;
    sendHtmlPage(response, error.status, noticePage({ heading, body }));
  }
}
