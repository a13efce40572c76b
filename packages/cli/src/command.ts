/** What a command may touch: its output streams and environment (the bin passes the process's). */
export interface CommandContext {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: long-running commands stop and resolve. */
  signal: AbortSignal;
  /**
   * Asks the user for a secret without echoing it; `undefined` when they give none. Absent when
   * there is no terminal to ask on (a pipe, CI, programmatic use).
   */
  promptSecret?(question: string): Promise<string | undefined>;
}

/** One `billingos <name>` command, in a file of its own. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  /** Resolves with the exit code; throws `CliError` for what the user can fix. */
  run(args: string[], context: CommandContext): Promise<number>;
}
