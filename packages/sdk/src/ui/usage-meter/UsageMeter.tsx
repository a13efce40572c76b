'use client';
import type { UIOptions } from '../options/UIOptions';
import { Root, splitOptions } from '../shared/Root';
import { Meter } from './Meter';

export interface UsageMeterProps extends UIOptions {
  /** The feature key, e.g. `'ai_credits'`. */
  feature: string;
}

/**
 * How much of a metered feature the customer used this period: `usage of limit` with a bar and
 * the reset date; an unlimited feature says so.
 *
 * @example
 * <UsageMeter feature="ai_credits" localization={{ features: { ai_credits: 'AI credits' } }} />
 */
export function UsageMeter(props: UsageMeterProps) {
  const [options, { feature }] = splitOptions(props);
  return (
    <Root options={options} className="billingos-usage-meter">
      <Meter feature={feature} />
    </Root>
  );
}
