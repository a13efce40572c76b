import { createApp } from './app.mjs';

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createApp({ runtime: `bun ${Bun.version}`, webhookSecret: process.env.BILLINGOS_WEBHOOK_SECRET }) });
console.log(`listening ${server.port} ${import.meta.resolve('@billingos/node')}`);
