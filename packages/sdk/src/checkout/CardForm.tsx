'use client';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { formatCardNumber, formatExpiry, readCard, type CardProblems } from './card';
import { describeError, type Translate } from './labels';
import type { CardDetails } from './types';

interface CardFormProps {
  t: Translate;
  /** The Pay button's text. */
  submitLabel: string;
  busy: boolean;
  /** The last failure: shown in an alert in the buyer's words, and focus goes back to the card number. */
  error: Error | null;
  /** Extra content in the alert (a "Start again" button). */
  errorAction?: ReactNode;
  onSubmit: (card: CardDetails) => void;
}

/**
 * The card fields, labelled and autocomplete-ready. A card is read on submit and the number and
 * CVC are cleared at once, so they are in the page only while the buyer types them; the inputs
 * carry no `name`, so a form posted before the page's script ran sends no card data.
 */
export function CardForm({ t, submitLabel, busy, error, errorAction, onSubmit }: CardFormProps) {
  const id = useId();
  const [number, setNumber] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [problems, setProblems] = useState<CardProblems>({});
  const numberInput = useRef<HTMLInputElement>(null);
  const expiryInput = useRef<HTMLInputElement>(null);
  const cvcInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (error) numberInput.current?.focus();
  }, [error]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const read = readCard({ number, expiry, cvc });
    if ('problems' in read) {
      setProblems(read.problems);
      (read.problems.number ? numberInput : read.problems.expiry ? expiryInput : cvcInput).current?.focus();
      return;
    }
    setProblems({});
    setNumber('');
    setCvc('');
    onSubmit(read.card);
  };

  const field = (name: keyof CardProblems) => ({
    id: `${id}-${name}`,
    disabled: busy,
    'aria-invalid': problems[name] ? true : undefined,
    'aria-describedby': problems[name] ? `${id}-${name}-error` : undefined,
  });
  const problem = (name: keyof CardProblems) =>
    problems[name] && (
      <p id={`${id}-${name}-error`} className="billingos-field-error">
        {t(problems[name])}
      </p>
    );

  return (
    <form className="billingos-card-form" noValidate onSubmit={submit}>
      <div className="billingos-field">
        <label htmlFor={`${id}-number`}>{t('cardNumber')}</label>
        <input
          {...field('number')}
          ref={numberInput}
          type="text"
          inputMode="numeric"
          autoComplete="cc-number"
          autoCorrect="off"
          spellCheck={false}
          placeholder="1234 1234 1234 1234"
          value={number}
          onChange={(event) => setNumber(formatCardNumber(event.target.value))}
        />
        {problem('number')}
      </div>
      <div className="billingos-field-row">
        <div className="billingos-field">
          <label htmlFor={`${id}-expiry`}>{t('expiry')}</label>
          <input
            {...field('expiry')}
            ref={expiryInput}
            type="text"
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder="MM / YY"
            value={expiry}
            onChange={(event) => setExpiry(formatExpiry(event.target.value))}
          />
          {problem('expiry')}
        </div>
        <div className="billingos-field">
          <label htmlFor={`${id}-cvc`}>{t('cvc')}</label>
          <input
            {...field('cvc')}
            ref={cvcInput}
            type="text"
            inputMode="numeric"
            autoComplete="cc-csc"
            maxLength={4}
            placeholder="123"
            value={cvc}
            onChange={(event) => setCvc(event.target.value.replace(/\D/g, '').slice(0, 4))}
          />
          {problem('cvc')}
        </div>
      </div>
      {error && (
        <div role="alert" className="billingos-notice billingos-notice-error">
          <p>{describeError(t, error)}</p>
          {errorAction}
        </div>
      )}
      <button type="submit" className="billingos-button billingos-button-primary billingos-button-block" disabled={busy} aria-busy={busy || undefined}>
        {busy ? t('processing') : submitLabel}
      </button>
    </form>
  );
}
