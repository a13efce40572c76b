'use client';
import type { Price } from '@billingos/sdk';
import { useUI } from '../options/useUI';

/** The label of each interval: "Monthly", "Yearly"… */
export const intervalLabels = { day: 'daily', week: 'weekly', month: 'monthly', year: 'yearly' } as const;

interface IntervalSwitchProps {
  intervals: Price['interval'][];
  value: Price['interval'];
  onChange: (interval: Price['interval']) => void;
}

/** Monthly / yearly (or any intervals the prices have): toggle buttons in a labelled group. */
export function IntervalSwitch({ intervals, value, onChange }: IntervalSwitchProps) {
  const { t } = useUI();
  return (
    <div className="billingos-switch" role="group" aria-label={t('billingPeriod')}>
      {intervals.map((interval) => (
        <button key={interval} type="button" aria-pressed={interval === value} onClick={() => onChange(interval)}>
          {t(intervalLabels[interval])}
        </button>
      ))}
    </div>
  );
}
