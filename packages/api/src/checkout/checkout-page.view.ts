import { html } from '../http/html-page';
import type { HtmlPage, SafeHtml } from '../http/html-page';
import { noticePage } from '../http/notice-page';
import { billedEvery, formatMoney, perInterval } from '../http/page-format';
import type { CheckoutPageDetails } from './checkout-page.details';
import { cardForm, testCardHint } from './card-form.view';
import type { CardProblem } from './checkout-page.form';
import type { CheckoutSession } from './checkout-session.schemas';

/** What the open checkout page shows. */
export interface CheckoutView {
  session: CheckoutSession;
  details: CheckoutPageDetails;
  /** The page's own path (the form posts back to it). */
  path: string;
  /** A card problem to announce, next to its field. */
  problem?: CardProblem | undefined;
  /** The expiry as typed, shown again after a problem (the number and CVC never are). */
  expiry?: string | undefined;
  /** Instead of the form: the payment waits on the buyer's bank, confirmed at this address. */
  authenticateUrl?: string | undefined;
}

/** The checkout page: the order on one side, the card form on the other. */
export function checkoutPage(view: CheckoutView): HtmlPage {
  const { session, details } = view;
  const title = details.product && session.mode === 'subscription' ? `Subscribe to ${details.product.name}` : 'Save a card';
  return {
    title: `${title} · ${details.merchantName}`,
    layout: 'checkout',
    formTargets: [session.successUrl],
    body: html`<main class="checkout-main">${summary(view, title)}${payment(view)}</main>`,
  };
}

function summary({ session, details }: CheckoutView, title: string): SafeHtml {
  const header = html`<p class="merchant">${details.merchantName}${session.livemode ? '' : html` <span class="badge badge-test">Test mode</span>`}</p>`;
  const product = details.product;
  if (session.mode === 'setup' || !product) {
    return html`<section class="summary" aria-labelledby="order-heading"><div class="summary-inner">${header}
<h1 id="order-heading"><span class="price">${title}</span></h1>
<p class="muted">Your card is kept for future payments to ${details.merchantName}. You will not be charged now.</p></div></section>`;
  }
  const price = formatMoney(product.amount, product.currency);
  const per = perInterval(product.interval, product.intervalCount);
  const trial = session.trialDays > 0;
  const heading = trial
    ? html`<span class="product-title">Try ${product.name}</span><span class="price">${session.trialDays} days free</span>`
    : html`<span class="product-title">${title}</span><span class="price">${price} <span class="price-per">${per}</span></span>`;
  const line = trial ? `${session.trialDays}-day free trial, then ${price} ${per}` : billedEvery(product.interval, product.intervalCount);
  return html`<section class="summary" aria-labelledby="order-heading"><div class="summary-inner">${header}
<div><h1 id="order-heading">${heading}</h1>${trial ? html`<p class="then">Then ${price} ${per}</p>` : ''}</div>
<dl class="lines">
<div><dt>${product.name}<small>${line}</small></dt><dd>${formatMoney(trial ? 0 : product.amount, product.currency)}</dd></div>
<div class="total"><dt>Total due today</dt><dd>${formatMoney(session.amountDue, session.currency ?? product.currency)}</dd></div>
</dl></div></section>`;
}

function payment(view: CheckoutView): SafeHtml {
  const { session, details } = view;
  const heading = session.mode === 'setup' || session.amountDue === 0 ? 'Card details' : 'Pay with card';
  const cancel = html`<p class="cancel"><a href="${session.cancelUrl}">Cancel and return to ${details.merchantName}</a></p>
<p class="pay-footer">${session.livemode ? '' : 'Test mode: no money moves. '}Payments by BillingOS</p>`;
  const hint = session.livemode ? '' : testCardHint();
  if (view.authenticateUrl) {
    return html`<section class="pay" aria-labelledby="pay-heading"><div class="pay-inner"><h2 id="pay-heading">${heading}</h2>
<div class="note" role="status"><p>Your bank asks you to confirm this payment before it goes through.</p></div>
<a class="button button-wide" href="${view.authenticateUrl}">Confirm with your bank</a>${cancel}</div></section>`;
  }
  return html`<section class="pay" aria-labelledby="pay-heading"><div class="pay-inner"><h2 id="pay-heading">${heading}</h2>${hint}
${cardForm({ action: view.path, submitLabel: buttonLabel(session), problem: view.problem, expiry: view.expiry })}${cancel}</div></section>`;
}

function buttonLabel(session: CheckoutSession): string {
  if (session.mode === 'setup') return 'Save card';
  if (session.trialDays > 0) return 'Start trial';
  if (session.amountDue > 0 && session.currency) return `Pay ${formatMoney(session.amountDue, session.currency)}`;
  return 'Subscribe';
}

/** The checkout is done: where to go on. */
export function completePage(session: CheckoutSession, details: CheckoutPageDetails, successUrl: string): HtmlPage {
  const heading = session.mode === 'setup' ? 'Card saved' : session.trialDays > 0 ? 'Your trial has started' : session.amountDue > 0 ? 'Payment complete' : 'You are subscribed';
  return noticePage({
    heading,
    merchant: details.merchantName,
    testMode: !session.livemode,
    body: html`<p>${session.mode === 'setup' ? 'Your card is saved.' : 'Thank you: your subscription has started.'}</p>
<div class="actions"><a class="button" href="${successUrl}">Continue to ${details.merchantName}</a></div>`,
  });
}

/** The checkout's 24 hours are over. */
export function expiredPage(session: CheckoutSession, details: CheckoutPageDetails): HtmlPage {
  return noticePage({
    heading: 'This checkout has expired',
    merchant: details.merchantName,
    testMode: !session.livemode,
    body: html`<p>Nothing was charged. A checkout stays open for 24 hours; start again from ${details.merchantName}.</p>
<div class="actions"><a class="button" href="${session.cancelUrl}">Return to ${details.merchantName}</a></div>`,
  });
}

/** Another request is confirming this checkout right now. */
export function processingPage(session: CheckoutSession, details: CheckoutPageDetails, path: string): HtmlPage {
  return noticePage({
    heading: 'Your payment is still processing',
    merchant: details.merchantName,
    testMode: !session.livemode,
    body: html`<p role="status">This takes a few seconds. Reload the page in a moment to see the result; you will not be charged twice.</p>
<div class="actions"><a class="button" href="${path}">Check again</a></div>`,
  });
}
