/** A failure the user can act on: printed as its message alone (no stack), exit code 1 (2 for usage mistakes). */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
