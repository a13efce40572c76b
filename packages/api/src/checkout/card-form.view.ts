import { html } from '../http/html-page';
import type { SafeHtml } from '../http/html-page';
import type { CardField, CardProblem } from './checkout-page.form';

/** What a card form shows and where it posts. */
export interface CardFormView {
  /** The page's own path: the form posts back to it. */
  action: string;
  submitLabel: string;
  /** A card problem to announce, next to its field. */
  problem?: CardProblem | undefined;
  /** The expiry as typed, shown again after a problem (the number and CVC never are). */
  expiry?: string | undefined;
}

/** The card form of the checkout page and of an open invoice's page: plain HTML, posted form-encoded. */
export function cardForm(view: CardFormView): SafeHtml {
  return html`<form class="form" method="post" action="${view.action}" novalidate>
<fieldset><legend>Card information</legend>
${field(view, 'number', 'Card number', html`autocomplete="cc-number" inputmode="numeric" placeholder="1234 1234 1234 1234" maxlength="23"`)}
<div class="field-row">
${field(view, 'expiry', 'Expiry (MM / YY)', html`autocomplete="cc-exp" inputmode="numeric" placeholder="MM / YY" maxlength="9" value="${view.expiry ?? ''}"`)}
${field(view, 'cvc', 'CVC', html`autocomplete="cc-csc" inputmode="numeric" placeholder="123" maxlength="4"`)}
</div></fieldset>
${view.problem ? html`<div class="alert" role="alert" id="card-error">${view.problem.message}</div>` : ''}
<button class="button button-wide" type="submit">${view.submitLabel}</button>
</form>`;
}

function field(view: CardFormView, name: CardField, label: string, attributes: SafeHtml): SafeHtml {
  const invalid = view.problem !== undefined && (view.problem.field ?? 'number') === name;
  return html`<div class="field"><label for="${name}">${label}</label><input id="${name}" name="${name}" type="text" ${attributes} required${
    invalid ? html` aria-invalid="true" aria-describedby="card-error" autofocus` : ''
  }></div>`;
}

/** Test mode's note: which cards to type, and what each does. */
export function testCardHint(): SafeHtml {
  const cards: Array<[string, string]> = [
    ['4000 0000 0000 0002', 'declined'],
    ['4000 0000 0000 9995', 'insufficient funds'],
    ['4000 0027 6000 3184', 'asks your bank to confirm'],
    ['4000 0000 0000 0341', 'saved, then later charges fail'],
  ];
  return html`<div class="test-hint"><p>Test mode: pay with <span class="card-number">4242 4242 4242 4242</span>, any future date and any CVC.</p>
<details><summary>More test cards</summary><ul>${cards.map(([number, what]) => html`<li><span class="card-number">${number}</span> ${what}</li>`)}</ul></details></div>`;
}
