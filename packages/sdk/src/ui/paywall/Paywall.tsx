'use client';
import type { ReactNode } from 'react';
import type { UIOptions } from '../options/UIOptions';
import { Protect } from '../protect/Protect';
import { Root, splitOptions } from '../shared/Root';
import { PaywallCard } from './PaywallCard';

export interface PaywallProps extends UIOptions {
  /** The feature key, e.g. `'exports'`. */
  feature: string;
  /** For a metered feature: how much must be left. @default 1 */
  requiredBalance?: number;
  /** Shown instead of the paywall when the customer has the feature. @default nothing */
  children?: ReactNode;
}

/**
 * An upgrade prompt where a feature is missing or used up, with a button that opens the pricing
 * table in a dialog; the children once the customer has the feature.
 *
 * @example
 * <Paywall feature="exports">
 *   <ExportButton />
 * </Paywall>
 */
export function Paywall(props: PaywallProps) {
  const [options, { feature, requiredBalance, children }] = splitOptions(props);
  const paywall = (
    <Root options={options} className="billingos-paywall">
      <PaywallCard feature={feature} />
    </Root>
  );
  return (
    <Protect feature={feature} requiredBalance={requiredBalance} fallback={paywall}>
      {children}
    </Protect>
  );
}
