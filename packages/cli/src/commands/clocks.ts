import { parseArgs } from 'node:util';
import { BillingOS } from '@billingos/node';
import { CliError } from '../cli-error';
import { CONNECTION_HELP, CONNECTION_OPTIONS, readConnection, requireTestMode } from '../connection';
import type { Command } from '../command';

export const clocks: Command = {
  name: 'clocks',
  summary: 'move a test clock: clocks advance <clock id> <time>',
  help: `Usage: billingos clocks advance <clock id> <time> [options]

Moves a test clock forward to <time> (ISO-8601 with its offset, such as 2026-02-01T00:00:00Z, or
unix seconds) and waits until every renewal, trial end and cancellation due by then has run.

Options:
${CONNECTION_HELP}`,

  async run(args, context) {
    const { values, positionals } = parseArgs({ args, options: CONNECTION_OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      context.out(clocks.help);
      return 0;
    }
    const [action, clockId, time, ...extra] = positionals;
    if (action !== 'advance' || !clockId || !time || extra.length > 0) throw new CliError('Usage: billingos clocks advance <clock id> <time>', 2);
    const connection = await readConnection(values, context);
    requireTestMode(connection, 'clocks', 'Test clocks exist in test mode only.');
    const billing = new BillingOS({ secretKey: connection.apiKey, apiUrl: connection.apiUrl, maxRetries: 1 });
    const clock = await billing.testClocks.advance(clockId, { frozenTime: /^\d+$/.test(time) ? Number(time) : time });
    context.out(`${clock.id} is at ${clock.frozenTime} (${clock.status})`);
    return 0;
  },
};
