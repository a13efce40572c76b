/** Exponential backoff after `failures` consecutive failures: 1 s, 2 s, 4 s … capped at 60 s. */
export function backoffDelay(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(failures - 1, 0), 60_000);
}
