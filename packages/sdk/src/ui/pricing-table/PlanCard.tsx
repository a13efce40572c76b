'use client';
import { useId } from 'react';
import type { Price, Product } from '@billingos/sdk';
import { useUI, type UI } from '../options/useUI';
import { CheckIcon } from '../shared/CheckIcon';
import type { PlanAction } from './planAction';

interface PlanCardProps {
  product: Product;
  price: Price;
  action: PlanAction;
  /** Why the price is not of the chosen period ("Monthly only"). */
  note?: string | false;
  onChoose: () => void;
}

/** One plan: name, price, features, and what the customer can do with it. */
export function PlanCard({ product, price, action, note, onChoose }: PlanCardProps) {
  const ui = useUI();
  const { t } = ui;
  const current = action.kind === 'current';
  const idle = current || action.kind === 'scheduled';
  const headingId = useId();
  return (
    <li className="billingos-plan" data-current={current || undefined} aria-labelledby={headingId}>
      <div className="billingos-plan-header">
        <h3 id={headingId} className="billingos-plan-name">
          {product.name}
        </h3>
        {current && <span className="billingos-badge billingos-badge-primary">{t('currentPlan')}</span>}
        {action.kind === 'scheduled' && <span className="billingos-badge">{t('scheduledBadge', { date: ui.date(action.effectiveAt) })}</span>}
      </div>
      {product.description && <p className="billingos-plan-description">{product.description}</p>}
      <p className="billingos-price">
        <span className="billingos-price-amount">{ui.money(price)}</span> <span className="billingos-price-interval">{ui.interval(price)}</span>
      </p>
      {note && <p className="billingos-muted billingos-small">{note}</p>}
      {'trialDays' in action && action.trialDays > 0 && <p className="billingos-trial">{t('trialBadge', { days: action.trialDays })}</p>}
      {action.kind !== 'signIn' ? (
        <button
          type="button"
          className={idle ? 'billingos-button billingos-button-block' : 'billingos-button billingos-button-primary billingos-button-block'}
          aria-disabled={idle || undefined}
          aria-describedby={headingId}
          onClick={() => idle || onChoose()}
        >
          {buttonLabel(ui, action)}
        </button>
      ) : ui.signInUrl ? (
        <a className="billingos-button billingos-button-primary billingos-button-block" href={ui.signInUrl} aria-describedby={headingId}>
          {buttonLabel(ui, action)}
        </a>
      ) : (
        <p className="billingos-muted">{t('signInToSubscribe')}</p>
      )}
      <ul className="billingos-features">
        {product.features.map((feature) => (
          <li key={feature.key}>
            <CheckIcon />
            {feature.type === 'metered'
              ? t(feature.limit === null ? 'unlimitedFeature' : 'meteredFeature', { limit: ui.number(feature.limit ?? 0), feature: ui.feature(feature.key, feature.name) })
              : ui.feature(feature.key, feature.name)}
          </li>
        ))}
      </ul>
    </li>
  );
}

function buttonLabel({ t }: UI, action: PlanAction): string {
  switch (action.kind) {
    case 'current':
      return t('currentPlan');
    case 'scheduled':
      return t('scheduled');
    case 'subscribe':
    case 'signIn':
      return t(action.trialDays > 0 ? 'startTrial' : 'subscribe');
    case 'switch':
      return t('switchPlan');
    default:
      return t(action.kind);
  }
}
