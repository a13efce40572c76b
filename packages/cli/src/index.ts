export { run } from './cli';
export type { Command, CommandContext } from './command';
export { CliError } from './cli-error';
