/** Seconds before attempt n+1 after n failed attempts; after the last, the event is given up. */
const SCHEDULE_SECONDS = [1, 5, 30, 120, 600, 1800, 3600, 7200, 14_400, 28_800];

export const MAX_ATTEMPTS = SCHEDULE_SECONDS.length + 1;

export function retryDelaySeconds(failedAttempts: number): number {
  return SCHEDULE_SECONDS[Math.min(failedAttempts, SCHEDULE_SECONDS.length) - 1] ?? SCHEDULE_SECONDS[0]!;
}
