/** A terminal to ask on: raw mode turns its echo off. */
export interface PromptTerminal {
  input: NodeJS.ReadStream;
  output: NodeJS.WritableStream;
}

/**
 * Asks `question` on a terminal and reads the answer without echoing it (for a secret key).
 * Resolves `undefined` on Ctrl-C or Ctrl-D; the terminal's mode is restored either way.
 *
 * @example const key = await promptHidden('Secret key: ', { input: process.stdin, output: process.stderr });
 */
export function promptHidden(question: string, { input, output }: PromptTerminal): Promise<string | undefined> {
  return new Promise((resolve) => {
    let answer = '';
    const wasRaw = input.isRaw;
    const finish = (value: string | undefined): void => {
      input.off('data', onData);
      input.setRawMode(wasRaw);
      input.pause();
      output.write('\n');
      resolve(value?.trim());
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish(answer);
        if (char === '\u0003' || char === '\u0004') return finish(undefined);
        if (char === '\u007f' || char === '\b') answer = answer.slice(0, -1);
        else if (char >= ' ') answer += char;
      }
    };
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
    output.write(question);
  });
}
