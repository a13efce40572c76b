// Import time of the built @billingos/node vs stripe: fresh `node -e` processes, median of several.
import { execFileSync } from 'node:child_process';

const RUNS = 9;

function importMs(specifier, format) {
  const code =
    format === 'cjs'
      ? `const t = performance.now(); require(${JSON.stringify(specifier)}); console.log(performance.now() - t)`
      : `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t)`;
  const args = format === 'cjs' ? ['-e', code] : ['--input-type=module', '-e', code];
  const samples = [];
  for (let i = 0; i < RUNS; i += 1) samples.push(Number(execFileSync(process.execPath, args, { encoding: 'utf8' }).trim()));
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

console.log(`median of ${RUNS} fresh processes each (time inside the process, excluding Node's own start-up)`);
for (const format of ['cjs', 'esm']) {
  const ours = importMs('@billingos/node', format);
  const stripe = importMs('stripe', format);
  const webhooks = importMs('@billingos/node/webhooks', format);
  console.log(
    `${format.toUpperCase()}  @billingos/node ${ours.toFixed(1).padStart(6)} ms   stripe ${stripe.toFixed(1).padStart(6)} ms   ` +
      `(ours / stripe = ${(ours / stripe).toFixed(2)}, goal ≤ 0.25)   @billingos/node/webhooks ${webhooks.toFixed(1).padStart(6)} ms`,
  );
}
