import { isBillingOSError } from '@billingos/node';
import { CliError } from './cli-error';
import { clocks } from './commands/clocks';
import { listen } from './commands/listen';
import { trigger } from './commands/trigger';
import type { Command, CommandContext } from './command';

const COMMANDS: readonly Command[] = [listen, trigger, clocks];

const HELP = `Usage: billingos <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(9)} ${command.summary}`).join('\n')}

Every command reads the secret key from BILLINGOS_SECRET_KEY (in a terminal, it asks for it),
takes --api-url (or BILLINGOS_API_URL), and --help.`;

/**
 * Runs `billingos <args>` and resolves with the exit code; errors the user can fix are printed
 * as one message, never a stack.
 *
 * @example
 * process.exitCode = await run(['trigger', 'customer.created'], { out: console.log, err: console.error, env: process.env, signal });
 */
export async function run(args: string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    context.out(HELP);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    context.err(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof CliError) {
      context.err(error.message);
      return error.exitCode;
    }
    const usageMistake = isUsageMistake(error);
    if (isBillingOSError(error) || usageMistake) {
      context.err((error as Error).message);
      return usageMistake ? 2 : 1;
    }
    throw error;
  }
}

/** An argument `parseArgs` could not take (exit code 2, as shells expect for usage mistakes). */
function isUsageMistake(error: unknown): boolean {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
