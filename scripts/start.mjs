// `npm start`: the BillingOS API on embedded storage (:3001) and the Express example's billing dashboard (:3000),
// sharing one set of local test keys kept in .billingos/dev-keys.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const apiPort = process.env.API_PORT ?? '3001';
const appPort = process.env.PORT ?? '3000';
const apiUrl = `http://localhost:${apiPort}`;

function devKeys() {
  const file = join(root, '.billingos', 'dev-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const random = () => randomBytes(24).toString('base64url');
  const keys = {
    BILLINGOS_SECRET_KEY: `sk_test_${random()}`,
    BILLINGOS_PUBLISHABLE_KEY: `pk_test_${random()}`,
    BILLINGOS_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
  };
  mkdirSync(join(root, '.billingos'), { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

const children = [];
function run(name, script, env) {
  const child = spawn(process.execPath, [script], { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code) => {
    console.error(`${name} exited (${code ?? 'signal'})`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

function shutdown(code) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => shutdown(0));

async function waitForHealth(url, deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/health`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The BillingOS API did not become healthy at ${url}`);
}

const keys = devKeys();
run('BillingOS API', join(root, 'packages', 'api', 'dist', 'main.js'), { ...keys, PORT: apiPort });
await waitForHealth(apiUrl);
run('Example dashboard', join(root, 'examples', 'express', 'server.mjs'), {
  BILLINGOS_SECRET_KEY: keys.BILLINGOS_SECRET_KEY,
  BILLINGOS_API_URL: apiUrl,
  PORT: appPort,
});
console.log(`\nOpen http://localhost:${appPort} for the billing dashboard (test secret key in .billingos/dev-keys.json).\n`);
