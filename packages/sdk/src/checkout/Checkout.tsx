'use client';
import { useEffect, useId, useRef, type CSSProperties } from 'react';
import type { Appearance } from '../ui/options/Appearance';
import { CardForm } from './CardForm';
import type { CheckoutLocalization } from './CheckoutLocalization';
import { describeError, formatAmount, translator } from './labels';
import { RequiredActionStep } from './RequiredActionStep';
import type { CheckoutComplete, CheckoutSession } from './types';
import { useCheckout } from './useCheckout';

export interface CheckoutProps {
  /** The price to subscribe to. */
  priceId: string;
  /**
   * Where the buyer goes once paid (`session_id` is added), unless `onComplete` is given.
   * @default the current page
   */
  successUrl?: string;
  /** @default the current page */
  cancelUrl?: string;
  /** Called once the checkout is complete, instead of going to `successUrl`. */
  onComplete?: (confirmation: CheckoutComplete) => void;
  /** The same `appearance` the `@billingos/sdk/ui` components take (theme and CSS variables). */
  appearance?: Appearance;
  /** Replaces any text (`defaultCheckoutLocalization` lists them). */
  localization?: Partial<CheckoutLocalization>;
  /**
   * The locale money is shown in.
   * @default the browser's language
   */
  locale?: string;
  className?: string;
}

/**
 * An embedded checkout inside `<BillingOSProvider>`: what is due today (and the trial), a card
 * form, and the Pay button. A declined card says why and can be replaced; when the bank wants
 * the buyer to confirm, a link opens its page and the payment finishes when they come back.
 * Once paid, `onComplete(confirmation)`, else the browser goes to `successUrl`. Style it with
 * `@billingos/sdk/ui/styles.css` and `@billingos/sdk/checkout/styles.css`.
 *
 * @example
 * <Checkout priceId="price_pro_monthly" successUrl="/billing?welcome=1" />
 */
export function Checkout({ priceId, successUrl, cancelUrl, onComplete, appearance, localization, locale, className }: CheckoutProps) {
  const { start, confirm, status, session, error, requiredAction, confirmation } = useCheckout();
  const t = translator(localization);
  const titleId = useId();
  const started = useRef<string | null>(null);
  const finished = useRef(false);
  const latestOnComplete = useRef(onComplete);
  latestOnComplete.current = onComplete;

  const begin = () => {
    void start({ priceId, successUrl, cancelUrl });
  };
  useEffect(() => {
    // Once per price and URLs (a development Strict Mode remount included), so one session is made.
    const key = JSON.stringify([priceId, successUrl, cancelUrl]);
    if (started.current === key) return;
    started.current = key;
    begin();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [priceId, successUrl, cancelUrl]);

  useEffect(() => {
    // Once per completed checkout (a new one, for another price, completes again).
    finished.current &&= confirmation !== null;
    if (!confirmation || finished.current) return;
    finished.current = true;
    if (latestOnComplete.current) latestOnComplete.current(confirmation);
    else window.location.assign(confirmation.redirectUrl);
  }, [confirmation]);

  const busy = status === 'confirming';
  let body;
  if (status === 'complete') {
    body = (
      <p role="status" className="billingos-notice billingos-notice-success">
        {t(session?.mode === 'setup' ? 'cardSaved' : session?.amountDue === 0 ? 'trialStarted' : 'complete')}
      </p>
    );
  } else if (!session) {
    body =
      status === 'failed' && error ? (
        <div role="alert" className="billingos-notice billingos-notice-error">
          <p>{describeError(t, error)}</p>
          <button type="button" className="billingos-button" onClick={begin}>
            {t('tryAgain')}
          </button>
        </div>
      ) : (
        <p role="status" className="billingos-muted">
          {t('preparing')}
        </p>
      );
  } else {
    const expired = error && 'code' in error && error.code === 'checkout_session_expired';
    body = (
      <>
        <Summary t={t} session={session} locale={locale} />
        {requiredAction?.code === 'requires_action' && requiredAction.url ? (
          <>
            <RequiredActionStep t={t} url={requiredAction.url} busy={busy} resume={() => void confirm()} />
            {error && (
              <p role="alert" className="billingos-error-text">
                {describeError(t, error)}
              </p>
            )}
          </>
        ) : (
          <CardForm
            t={t}
            busy={busy}
            error={status === 'failed' ? error : null}
            errorAction={
              expired && (
                <button type="button" className="billingos-button" onClick={begin}>
                  {t('startAgain')}
                </button>
              )
            }
            submitLabel={submitLabel(t, session, locale)}
            onSubmit={(card) => void confirm({ card })}
          />
        )}
      </>
    );
  }

  const { theme = 'auto', variables = {} } = appearance ?? {};
  return (
    <section
      className={className ? `billingos-root billingos-checkout ${className}` : 'billingos-root billingos-checkout'}
      data-billingos-theme={theme}
      style={variablesStyle(variables)}
      aria-labelledby={titleId}
      aria-busy={status === 'creating' || busy || undefined}
    >
      <div className="billingos-card">
        <h2 id={titleId} className="billingos-card-title">
          {t('title')}
        </h2>
        {body}
      </div>
    </section>
  );
}

function Summary({ t, session, locale }: { t: ReturnType<typeof translator>; session: CheckoutSession; locale: string | undefined }) {
  if (!session.currency) return null;
  return (
    <dl className="billingos-checkout-summary">
      {session.trialDays > 0 && (
        <div>
          <dt>{t('trial', { days: session.trialDays })}</dt>
          <dd className="billingos-muted billingos-small">{t('trialNote')}</dd>
        </div>
      )}
      <div>
        <dt>{t('dueToday')}</dt>
        <dd className="billingos-checkout-amount">{formatAmount(locale, session.amountDue, session.currency)}</dd>
      </div>
    </dl>
  );
}

function submitLabel(t: ReturnType<typeof translator>, session: CheckoutSession, locale: string | undefined): string {
  if (session.amountDue > 0 && session.currency) return t('pay', { amount: formatAmount(locale, session.amountDue, session.currency) });
  return session.trialDays > 0 ? t('startTrial') : t('saveCard');
}

/** `colorPrimary` → `--billingos-color-primary`, as the `@billingos/sdk/ui` components set them. */
function variablesStyle(variables: object): CSSProperties {
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(variables) as [string, string | undefined][]) if (value) style[`--billingos-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`] = value;
  return style as CSSProperties;
}
