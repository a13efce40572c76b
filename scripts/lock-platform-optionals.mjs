// Run after `npm install`: the registry this workplace reaches 404s on rollup's and unrs-resolver's
// binaries for other platforms, so npm leaves them out of package-lock.json and `npm ci` then
// refuses the lock. This restores their entries (version, os, cpu, libc) so `npm ci` skips them
// as foreign platforms, as it does with a lock written against the full registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(file, 'utf8'));
const prefixes = ['@rollup/rollup-', '@unrs/resolver-binding-'];
let added = 0;

for (const meta of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const prefix = prefixes.find((p) => name.startsWith(p));
    if (!prefix || lock.packages[`node_modules/${name}`]) continue;
    const [os, cpu, ...rest] = name.slice(prefix.length).split('-');
    const libc = os === 'linux' ? { libc: [rest.join('-').includes('musl') ? 'musl' : 'glibc'] } : {};
    lock.packages[`node_modules/${name}`] = { version, cpu: [cpu], dev: true, ...libc, license: 'MIT', optional: true, os: [os] };
    added += 1;
  }
}

const [root, ...rest] = Object.entries(lock.packages);
lock.packages = Object.fromEntries([root, ...rest.sort(([a], [b]) => a.localeCompare(b, 'en'))]);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: restored ${added} foreign-platform optional entries`);
