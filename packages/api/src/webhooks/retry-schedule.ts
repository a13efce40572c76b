/**
 * Seconds before attempt n+1 after n failed attempts: quick retries first, then twice a day,
 * about three days in all (≈ 75 h); after the last attempt the delivery is given up.
 */
const SCHEDULE_SECONDS = [1, 5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800, 43_200, 43_200, 43_200, 43_200, 43_200];

export const MAX_ATTEMPTS = SCHEDULE_SECONDS.length + 1;

/** An endpoint that has failed for this long without one success is disabled. */
export const DISABLE_AFTER_FAILING_SECONDS = 3 * 24 * 3600;

export function retryDelaySeconds(failedAttempts: number): number {
  return SCHEDULE_SECONDS[Math.min(failedAttempts, SCHEDULE_SECONDS.length) - 1] ?? SCHEDULE_SECONDS[0]!;
}
