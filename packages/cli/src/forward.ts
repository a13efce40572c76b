import { Webhooks } from '@billingos/node';
import { oneLine } from './one-line';

/** What the local receiver answered to one forwarded event. */
export interface ForwardResult {
  status: number | undefined;
  ms: number;
  error: string | undefined;
  /** For an answer that is not 2xx: the start of its body on one line, or where it redirects to. */
  detail: string | undefined;
}

/** How much of a refusal's body to read: enough for its first 200 characters. */
const DETAIL_BYTES = 4096;

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
    const detail = response.ok ? await discard(response) : await describe(response);
    return { status: response.status, ms: Math.round(performance.now() - started), error: undefined, detail };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { status: undefined, ms: Math.round(performance.now() - started), error: cause ?? (error as Error).message, detail: undefined };
  }
}

async function discard(response: Response): Promise<undefined> {
  await response.body?.cancel();
  return undefined;
}

async function describe(response: Response): Promise<string | undefined> {
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location) {
    await response.body?.cancel();
    return `redirects to ${oneLine(location)} (not followed: forward to that URL instead)`;
  }
  const start = oneLine(await readStart(response.body, DETAIL_BYTES));
  return start || undefined;
}

/** The first `limit` bytes or so of a body (what arrived before an error, if one cuts it short). */
async function readStart(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a body cut short still says something
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}
