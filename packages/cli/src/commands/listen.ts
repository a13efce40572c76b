import { setTimeout as delay } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { CliError } from '../cli-error';
import { CONNECTION_HELP, CONNECTION_OPTIONS, readConnection, requireTestMode } from '../connection';
import type { Connection } from '../connection';
import { forwardEvent } from '../forward';
import { listenSecret } from '../listen-secrets';
import type { ListenSecret } from '../listen-secrets';
import { readSse } from '../sse';
import type { Command, CommandContext } from '../command';

const RECONNECT_MS = 1_000;
const EXAMPLE_URL = 'http://localhost:3000/api/billingos-webhooks';

export const listen: Command = {
  name: 'listen',
  summary: 'forward test-mode events to a local URL, signed with your listen secret',
  help: `Usage: billingos listen --forward-to <url> [options]

Streams your test-mode events (GET /v1/events/stream) and POSTs each one to <url>, signed with a
secret printed at start (whsec_…): verify them with it, as with a real endpoint's secret. The
secret stays the same from one run to the next for this API key and API URL on this machine (it
is kept, readable by you only, in $XDG_CONFIG_HOME/billingos or ~/.config/billingos).
Prints one line per event: time, type, id, your receiver's status and time taken, and the start
of its answer when that is not 2xx.

Options:
  --forward-to <url>  where to POST each event, e.g. ${EXAMPLE_URL}
  --print-secret      print the secret and exit (e.g. BILLINGOS_WEBHOOK_SECRET=$(billingos listen --print-secret))
  --new-secret        replace the secret with a new one (the old one stops signing: update your app)
${CONNECTION_HELP}`,

  async run(args, context) {
    const options = { ...CONNECTION_OPTIONS, 'forward-to': { type: 'string' }, 'print-secret': { type: 'boolean' }, 'new-secret': { type: 'boolean' } } as const;
    const { values } = parseArgs({ args, options, strict: true });
    if (values.help) {
      context.out(listen.help);
      return 0;
    }
    const connection = await readConnection(values, context);
    requireTestMode(connection, 'listen', 'Live events go to the webhook endpoints you register (POST /v1/webhook-endpoints).');
    const secretOf = () => listenSecret(connection, context.env, { rotate: values['new-secret'] === true, warn: context.err });
    if (values['print-secret']) {
      context.out((await secretOf()).secret);
      return 0;
    }
    const forwardTo = values['forward-to'];
    if (!forwardTo) throw new CliError(`Missing --forward-to <url>, e.g. billingos listen --forward-to ${EXAMPLE_URL}`, 2);
    if (!/^https?:\/\//.test(forwardTo)) throw new CliError(`--forward-to must be an http(s) URL, got "${forwardTo}".`, 2);

    let secret: string | undefined;
    while (!context.signal.aborted) {
      const response = await openStream(connection, context);
      if (!response) break;
      if (secret === undefined) {
        // Only once the API took the key, so a mistyped key leaves no secret behind.
        const kept = await secretOf();
        announce(kept, forwardTo, context);
        secret = kept.secret;
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

function announce(kept: ListenSecret, forwardTo: string, context: CommandContext): void {
  const why = {
    reused: 'the same as last time',
    created: `new: set it as your app's webhook secret; listen keeps using it, kept in ${kept.file}`,
    rotated: 'new, as --new-secret asked: the previous one no longer signs, so update your app',
  }[kept.status];
  context.out(`Ready! Forwarding test-mode events to ${forwardTo} (Ctrl-C to quit)`);
  context.out(`Your webhook signing secret is ${kept.secret} (${why})`);
}

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
  const detail = result.detail ? `  ${result.detail}` : '';
  context.out(`${time}  ${String(event.type).padEnd(28)} ${event.id}  → ${answer} ${result.ms} ms${detail}`);
}

/** Waits before reconnecting; Ctrl-C ends the wait at once (and leaves no listener behind). */
function pause(signal: AbortSignal): Promise<void> {
  return delay(RECONNECT_MS, undefined, { signal }).catch(() => undefined);
}
