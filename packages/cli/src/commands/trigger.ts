import { parseArgs } from 'node:util';
import { BillingOS } from '@billingos/node';
import { CliError } from '../cli-error';
import { CONNECTION_HELP, CONNECTION_OPTIONS, readConnection, requireTestMode } from '../connection';
import { SCENARIOS } from '../trigger-scenarios';
import type { Command } from '../command';

export const trigger: Command = {
  name: 'trigger',
  summary: 'create the test-mode objects that produce an event',
  help: `Usage: billingos trigger <event type> [options]

Makes the API calls (customers, products, subscriptions, test-clock advances) that produce the
event, in test mode. Watch it arrive with billingos listen.

Event types:
${Object.keys(SCENARIOS)
  .map((type) => `  ${type}`)
  .join('\n')}

Options:
${CONNECTION_HELP}`,

  async run(args, context) {
    const { values, positionals } = parseArgs({ args, options: CONNECTION_OPTIONS, allowPositionals: true, strict: true });
    if (values.help) {
      context.out(trigger.help);
      return 0;
    }
    const [type, ...extra] = positionals;
    if (!type || extra.length > 0) throw new CliError(`Usage: billingos trigger <event type>, one of: ${Object.keys(SCENARIOS).join(', ')}`, 2);
    const scenario = SCENARIOS[type];
    if (!scenario) throw new CliError(`Unknown event type "${type}". Known: ${Object.keys(SCENARIOS).join(', ')}`, 2);
    const connection = await readConnection(values, context);
    requireTestMode(connection, 'trigger', 'It creates test data and moves test clocks.');
    const billing = new BillingOS({ secretKey: connection.apiKey, apiUrl: connection.apiUrl, maxRetries: 1 });
    context.out(`Triggering ${type}:`);
    await scenario(billing, (line) => context.out(`  ${line}`));
    context.out(`Done: ${type} is on its way to your endpoints and to billingos listen.`);
    return 0;
  },
};
