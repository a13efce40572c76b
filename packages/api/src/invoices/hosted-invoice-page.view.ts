import { html } from '../http/html-page';
import type { HtmlPage, SafeHtml } from '../http/html-page';
import { formatDate, formatMoney } from '../http/page-format';
import { cardForm, testCardHint } from '../checkout/card-form.view';
import type { CardProblem } from '../checkout/checkout-page.form';
import type { InvoiceParties } from './hosted-invoice-page.details';
import type { Invoice } from './invoice';

const STATUS_LABELS: Record<Invoice['status'], string> = { draft: 'Draft', open: 'Open', paid: 'Paid', void: 'Void', uncollectible: 'Uncollectible' };

/** The card form's state on an open invoice's page: where it posts, and a problem to show again. */
export interface InvoicePayView {
  path: string;
  problem?: CardProblem | undefined;
  expiry?: string | undefined;
  /** Another request is charging this invoice right now. */
  processing?: boolean | undefined;
}

/** The printable page of an invoice: who, what for, how much, and whether it is paid; an open one takes a card. */
export function hostedInvoicePage(invoice: Invoice, parties: InvoiceParties, pay?: InvoicePayView): HtmlPage {
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  const badge = html`<span class="badge badge-${invoice.status}">${STATUS_LABELS[invoice.status]}</span>`;
  const billedTo = [parties.customerName, parties.customerEmail].filter((line): line is string => Boolean(line));
  return {
    title: `Invoice ${invoice.number} · ${parties.merchantName}`,
    layout: 'invoice',
    body: html`<main class="invoice-main"><article class="sheet" aria-labelledby="invoice-heading">
<header class="sheet-head"><p class="merchant">${parties.merchantName}${invoice.livemode ? '' : html` <span class="badge badge-test">Test mode</span>`}</p>
<h1 id="invoice-heading">Invoice ${invoice.number} ${badge}</h1></header>
<div class="parties">
<dl class="facts">
${fact('Invoice number', invoice.number)}
${fact('Date of issue', formatDate(invoice.createdAt))}
${fact('Date paid', invoice.paidAt ? formatDate(invoice.paidAt) : 'Not paid')}
${fact('Service period', period(invoice.periodStart, invoice.periodEnd))}
</dl>
${billedTo.length > 0 ? html`<div class="billed-to"><h2>Billed to</h2><p>${billedTo.map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p></div>` : ''}
</div>
<p class="headline">${headline(invoice, money)}</p>
<div class="table-wrap"><table><caption>Items</caption>
<thead><tr><th scope="col">Description</th><th scope="col" class="col-period">Period</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Amount</th></tr></thead>
<tbody>${invoice.lines.map(
      (line) => html`<tr><td>${line.description}${line.proration ? html` <span class="muted">(prorated)</span>` : ''}</td>
<td class="col-period">${period(line.period.start, line.period.end)}</td><td class="num">${line.quantity}</td><td class="num">${money(line.amount * line.quantity)}</td></tr>`,
    )}</tbody></table></div>
<dl class="totals">
<div><dt>Subtotal</dt><dd>${money(invoice.subtotal)}</dd></div>
<div><dt>Total</dt><dd>${money(invoice.total)}</dd></div>
<div><dt>Amount paid</dt><dd>${money(invoice.amountPaid)}</dd></div>
<div class="strong"><dt>Amount due</dt><dd>${money(invoice.status === 'void' ? 0 : invoice.amountDue - invoice.amountPaid)}</dd></div>
</dl>
${invoice.status === 'open' && pay ? payment(invoice, pay, money) : ''}
<p class="print-hint">To keep a copy, print this page or save it as a PDF from your browser's Print.</p></article></main>
<footer class="footer">Invoice from ${parties.merchantName} · Payments by BillingOS</footer>`,
  };
}

function payment(invoice: Invoice, pay: InvoicePayView, money: (amount: number) => string): SafeHtml {
  const due = money(invoice.amountDue - invoice.amountPaid);
  const body = pay.processing
    ? html`<div class="note" role="status"><p>This invoice is being paid right now. Reload this page in a moment.</p></div>`
    : html`${invoice.livemode ? '' : testCardHint()}${cardForm({ action: pay.path, submitLabel: `Pay ${due}`, problem: pay.problem, expiry: pay.expiry })}`;
  return html`<section class="invoice-pay" aria-labelledby="pay-heading"><h2 id="pay-heading">Pay this invoice</h2>
<p class="muted">The card is kept for this subscription's next payments.</p>${body}</section>`;
}

function headline(invoice: Invoice, money: (amount: number) => string): string {
  switch (invoice.status) {
    case 'paid':
      return `${money(invoice.amountPaid)} paid${invoice.paidAt ? ` on ${formatDate(invoice.paidAt)}` : ''}`;
    case 'open':
      return `${money(invoice.amountDue - invoice.amountPaid)} due`;
    case 'void':
      return 'This invoice was voided: nothing is due.';
    case 'uncollectible':
      return `${money(invoice.amountDue - invoice.amountPaid)} unpaid`;
    case 'draft':
      return 'Draft: not issued yet.';
  }
}

function fact(term: string, value: string | SafeHtml): SafeHtml {
  return html`<div><dt>${term}</dt><dd>${value}</dd></div>`;
}

function period(start: string, end: string): string {
  return `${formatDate(start)} – ${formatDate(end)}`;
}
