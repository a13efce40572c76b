import { Webhooks } from '@billingos/node';

/** What the local receiver answered to one forwarded event. */
export interface ForwardResult {
  status: number | undefined;
  ms: number;
  error: string | undefined;
}

/**
 * POSTs one event's body to `url`, signed with `secret` the way the API signs deliveries
 * (`billingos-signature` and the Standard Webhooks headers, `webhook-id` = the event id).
 * Redirects are not followed; 10 s timeout.
 */
export async function forwardEvent(url: string, secret: string, eventId: string, body: string): Promise<ForwardResult> {
  const headers = new Webhooks({ secret }).generateTestHeaders({ payload: body, id: eventId });
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'User-Agent': 'billingos-cli', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
    return { status: response.status, ms: Math.round(performance.now() - started), error: undefined };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: undefined, ms: Math.round(performance.now() - started), error: cause ?? (error as Error).message };
  }
}
