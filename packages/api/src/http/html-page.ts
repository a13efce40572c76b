import { createHash } from 'node:crypto';
import type { Response } from 'express';
import { PAGE_CSS } from './page-style';

/** Markup that is already safe: what `html` returns, and the only thing it inserts unescaped. */
export class SafeHtml {
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | null | undefined | false | readonly Interpolation[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `&`, `<`, `>`, `"` and `'` as entities: safe in text and in quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * A template whose every interpolation is escaped, unless it is `SafeHtml` (another `html`
 * template); arrays are joined, and `null`, `undefined` and `false` render nothing.
 *
 * @example
 * html`<p>${customer.name}</p>` // the name cannot open a tag
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, string, i) => out + string + (i < values.length ? render(values[i]!) : ''), ''));
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export interface HtmlPage {
  title: string;
  body: SafeHtml;
  /** `<body class>`: the layout (`checkout`, `notice`, `invoice`). */
  layout: string;
  /**
   * Origins a form of the page may end up at besides its own: Chromium applies `form-action` to
   * the redirects that follow a POST, so a 303 to a merchant's `successUrl` needs its origin here.
   */
  formTargets?: readonly string[];
}

const STYLE_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/** Only an `http(s)://host[:port]` origin goes into the policy (nothing that could end or widen a directive). */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { protocol, origin } = new URL(url);
  return (protocol === 'https:' || protocol === 'http:') && /^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin) ? origin : undefined;
}

/** The page's Content-Security-Policy: no script at all, the one stylesheet by its hash, forms only to `formTargets`. */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  const targets = [...new Set(formTargets.flatMap((url) => originOf(url) ?? []))];
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    "img-src 'none'",
    `form-action ${["'self'", ...targets].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * Answers with a whole page of ours: doctype, viewport, title, the one stylesheet, and headers
 * that keep it to itself (CSP, no framing, no sniffing, no caching, no referrer: a checkout's
 * URL holds its client secret).
 */
export function sendHtmlPage(response: Response, status: number, page: HtmlPage): void {
  response
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': contentSecurityPolicy(page.formTargets),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(
      `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
        `<meta name="robots" content="noindex"><title>${escapeHtml(page.title)}</title><style>${PAGE_CSS}</style></head>` +
        `<body class="${escapeHtml(page.layout)}">${page.body.value}</body></html>`,
    );
}
