// Publishability gate: every package's exports map must pass publint --strict and attw --pack in every
// resolution attw knows (node10 included: TypeScript's `module: commonjs` default reads typesVersions), with no profile.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const packages = readdirSync(join(root, 'packages'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = 0;

for (const name of packages) {
  const dir = join(root, 'packages', name);
  for (const [tool, args] of [
    ['publint', ['--strict']],
    ['attw', ['--pack', '.', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(tool), args, { cwd: dir, stdio: 'pipe' });
      console.log(`ok   ${tool} @billingos/${name}`);
    } catch (error) {
      failed += 1;
      console.error(`FAIL ${tool} @billingos/${name}\n${error.stdout}${error.stderr}`);
    }
  }
}
process.exit(failed ? 1 : 0);
