// `npm start`: the BillingOS API on embedded storage (the demo app joins it once the examples land).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const api = spawn(process.execPath, [join(import.meta.dirname, '..', 'packages', 'api', 'dist', 'main.js')], {
  stdio: 'inherit',
  env: { PORT: '3001', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code) => process.exit(code ?? 0));
