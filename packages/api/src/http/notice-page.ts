import { html } from './html-page';
import type { HtmlPage, SafeHtml } from './html-page';

export interface Notice {
  /** The `<title>` and the heading. */
  heading: string;
  /** Paragraphs and links under the heading. */
  body: SafeHtml;
  /** Who the page is for, above the heading. */
  merchant?: string | undefined;
  testMode?: boolean | undefined;
  formTargets?: readonly string[];
}

/** A page with one message in a card: a finished or expired checkout, a missing page, the test authentication page. */
export function noticePage(notice: Notice): HtmlPage {
  const header = notice.merchant || notice.testMode ? html`<p class="merchant">${notice.merchant ?? ''}${notice.testMode ? html` <span class="badge badge-test">Test mode</span>` : ''}</p>` : '';
  return {
    title: notice.merchant ? `${notice.heading} · ${notice.merchant}` : notice.heading,
    layout: 'notice',
    formTargets: notice.formTargets ?? [],
    body: html`<main class="notice-main"><div class="notice-card">${header}<h1>${notice.heading}</h1>${notice.body}</div></main>`,
  };
}

/** The page for a link that leads nowhere: says nothing about what exists. */
export function notFoundPage(): HtmlPage {
  return noticePage({ heading: 'Page not found', body: html`<p class="muted">This link is not valid. Check that you copied the whole address, or ask whoever sent it for a new one.</p>` });
}
