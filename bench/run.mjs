// `npm run bench`: runs every bench/*.mjs except this one, each in its own Node process, one after the other.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .sort();
let failed = 0;

for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const { status } = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit', cwd: join(dir, '..') });
  if (status !== 0) {
    failed += 1;
    console.error(`${file} exited with ${status}`);
  }
}
process.exit(failed ? 1 : 0);
