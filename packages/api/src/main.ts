#!/usr/bin/env node
import { join } from 'node:path';
import { readServerEnv } from './bootstrap/server-env';
import { printGeneratedKeys, printKeySource } from './bootstrap/print-keys';
import { startApiServer } from './server';

async function main(): Promise<void> {
  const options = readServerEnv(process.env, join(process.cwd(), '.billingos', 'data'));
  const server = await startApiServer({ ...options, logger: true, onStorageCrash: exitOnStorageCrash });
  printGeneratedKeys(server.generatedKeys);
  printKeySource(options.keys ?? {}, server.generatedKeys);
  console.log(`BillingOS API listening on ${server.url} (storage: ${server.database.kind})`);
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      server.close().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

/** A process whose embedded database died can only answer errors: end it so a supervisor starts a fresh one. */
function exitOnStorageCrash(error: Error): void {
  console.error(`BillingOS API stopping: ${error.message} Restart it (a supervisor such as systemd, Docker or npm start does); the data folder is intact.`);
  process.exit(1);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = (error as { code?: string }).code === 'EADDRINUSE' ? ' Another process uses this port: stop it or set PORT.' : '';
  console.error(`BillingOS API failed to start: ${message.replace(/\.?$/, '.')}${hint}`);
  process.exit(1);
});
