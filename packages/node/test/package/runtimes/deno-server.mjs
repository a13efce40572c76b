import { createApp } from './app.mjs';

const onListen = ({ port }) => console.log(`listening ${port} ${import.meta.resolve('@billingos/node')}`);
Deno.serve({ hostname: '127.0.0.1', port: 0, onListen }, createApp({ runtime: `deno ${Deno.version.deno}`, webhookSecret: Deno.env.get('BILLINGOS_WEBHOOK_SECRET') }));
