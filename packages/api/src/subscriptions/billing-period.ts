import type { Interval } from '../products/product';

/** `start` moved forward by `count` intervals, in UTC (month ends clamp like most billing systems). */
export function addInterval(start: Date, interval: Interval, count: number): Date {
  const end = new Date(start);
  switch (interval) {
    case 'day':
      end.setUTCDate(end.getUTCDate() + count);
      return end;
    case 'week':
      end.setUTCDate(end.getUTCDate() + 7 * count);
      return end;
    case 'month':
      return addMonths(start, count);
    case 'year':
      return addMonths(start, 12 * count);
  }
}

function addMonths(start: Date, months: number): Date {
  const end = new Date(start);
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}
