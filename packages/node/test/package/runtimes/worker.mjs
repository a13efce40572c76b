import { createApp } from './app.mjs';

let app;

export default {
  /** Built at the first request: Workers allow no I/O, timers or randomness at module scope, and bindings arrive here. */
  fetch(request, env) {
    app ??= createApp({ runtime: 'workerd', secretKey: env.BILLINGOS_SECRET_KEY, apiUrl: env.BILLINGOS_API_URL, webhookSecret: env.BILLINGOS_WEBHOOK_SECRET });
    return app(request);
  },
};
