import { run } from './cli';
import { promptHidden } from './hidden-prompt';

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
process.once('SIGTERM', () => controller.abort());

run(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  signal: controller.signal,
  ...(process.stdin.isTTY ? { promptSecret: (question: string) => promptHidden(question, { input: process.stdin, output: process.stderr }) } : {}),
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`billingos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
