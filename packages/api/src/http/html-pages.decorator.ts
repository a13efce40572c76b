import { applyDecorators, UseFilters } from '@nestjs/common';
import { Public } from '../auth/allow.decorator';
import { HtmlErrorFilter } from './html-error.filter';

/**
 * A controller of pages for people (checkout, hosted invoice, the test authentication page), not
 * of the API: no credential (the unguessable path is the permission; the per-address rate limit
 * still applies) and errors answer a page, never the JSON envelope. Each route still carries
 * `@ApiOperation({ summary, html: true })`, so the document lists it as `text/html`.
 */
export const HtmlPages = () => applyDecorators(Public(), UseFilters(HtmlErrorFilter));
