import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error';
import { CONNECTION_HELP, CONNECTION_OPTIONS, readConnection, requireTestMode } from '../connection';
import type { Connection } from '../connection';
import { forwardEvent } from '../forward';
import { readSse } from '../sse';
import type { Command, CommandContext } from '../command';

const RECONNECT_MS = 1_000;

export const listen: Command = {
  name: 'listen',
  summary: 'forward test-mode events to a local URL, signed with a session secret',
  help: `Usage: billingos listen --forward-to <url> [options]

Streams your test-mode events (GET /v1/events/stream) and POSTs each one to <url>, signed with a
fresh secret printed at start (whsec_…): verify them with it, as with a real endpoint's secret.
Prints one line per event: time, type, id, your receiver's status and time taken.

Options:
  --forward-to <url>  where to POST each event, e.g. http://localhost:3000/api/webhooks
${CONNECTION_HELP}`,

  async run(args, context) {
    const { values } = parseArgs({ args, options: { ...CONNECTION_OPTIONS, 'forward-to': { type: 'string' } }, strict: true });
    if (values.help) {
      context.out(listen.help);
      return 0;
    }
    const connection = readConnection(values, context.env);
    requireTestMode(connection, 'listen', 'Live events go to the webhook endpoints you register (POST /v1/webhook-endpoints).');
    const forwardTo = values['forward-to'];
    if (!forwardTo) throw new CliError('Missing --forward-to <url>, e.g. billingos listen --forward-to http://localhost:3000/api/webhooks', 2);
    if (!/^https?:\/\//.test(forwardTo)) throw new CliError(`--forward-to must be an http(s) URL, got "${forwardTo}".`, 2);

    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    let announced = false;
    while (!context.signal.aborted) {
      const response = await openStream(connection, context);
      if (!response) break;
      if (!announced) {
        context.out(`Ready! Forwarding test-mode events to ${forwardTo}`);
        context.out(`Your webhook signing secret for this session is ${secret} (Ctrl-C to quit)`);
        announced = true;
      } else {
        context.out('Reconnected.');
      }
      try {
        for await (const message of readSse(response.body!)) await forward(message.data, forwardTo, secret, context);
      } catch {
        // the stream broke: reconnect below, unless we are quitting
      }
      if (context.signal.aborted) break;
      context.err(`The event stream ended; reconnecting in ${RECONNECT_MS / 1000} s…`);
      await pause(context.signal);
    }
    return 0;
  },
};

/** The open stream, or undefined when quitting; a refusal from the API is a `CliError` with its message. */
async function openStream(connection: Connection, context: CommandContext): Promise<Response | undefined> {
  for (;;) {
    try {
      const response = await fetch(`${connection.apiUrl}/v1/events/stream`, {
        headers: { Authorization: `Bearer ${connection.apiKey}`, Accept: 'text/event-stream' },
        signal: context.signal,
      });
      if (response.ok && response.body) return response;
      const body = (await response.json().catch(() => undefined)) as { error?: { message?: string } } | undefined;
      const reason = `HTTP ${response.status}: ${body?.error?.message ?? response.statusText}`;
      // A refusal (bad key, live key) ends the session; an API restarting or busy is waited out.
      if (response.status !== 429 && response.status < 500) throw new CliError(`The API refused the event stream (${reason})`);
      context.err(`The API is not ready (${reason}); retrying in ${RECONNECT_MS / 1000} s…`);
    } catch (error) {
      if (error instanceof CliError) throw error;
      if (context.signal.aborted) return undefined;
      context.err(`Cannot reach ${connection.apiUrl} (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}); retrying in ${RECONNECT_MS / 1000} s…`);
    }
    await pause(context.signal);
    if (context.signal.aborted) return undefined;
  }
}

async function forward(data: string, forwardTo: string, secret: string, context: CommandContext): Promise<void> {
  let event: { id?: string; type?: string };
  try {
    event = JSON.parse(data) as { id?: string; type?: string };
  } catch {
    context.err(`Skipped a message that is not an event: ${data.slice(0, 80)}`);
    return;
  }
  const result = await forwardEvent(forwardTo, secret, event.id ?? '', data);
  const time = new Date().toISOString().slice(11, 19);
  const answer = result.status !== undefined ? `[${result.status}]` : `[failed: ${result.error}]`;
  context.out(`${time}  ${String(event.type).padEnd(28)} ${event.id}  → ${answer} ${result.ms} ms`);
}

/** Waits before reconnecting; Ctrl-C ends the wait at once (and leaves no listener behind). */
function pause(signal: AbortSignal): Promise<void> {
  return delay(RECONNECT_MS, undefined, { signal }).catch(() => undefined);
}
