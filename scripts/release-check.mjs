// What a release would publish, checked as published: packs every public package, lints each
// tarball (publint --strict, attw in every resolution, node10 included), installs the tarballs
// together into a fresh project as a user would, and loads every entry there through require,
// import and TypeScript (node16 and the `module: commonjs` default). Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, options = {}) => execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe', ...options });

const packages = readdirSync(join(root, 'packages'))
  .map((name) => ({ dir: join(root, 'packages', name), manifest: JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const work = mkdtempSync(join(tmpdir(), 'billingos-release-'));
const failures = [];

function check(label, fn) {
  try {
    fn();
    console.log(`ok   ${label}`);
  } catch (error) {
    failures.push(label);
    console.error(`FAIL ${label}\n${error.stdout ?? ''}${error.stderr ?? ''}${error.stdout || error.stderr ? '' : error.message}`);
  }
}

try {
  for (const pkg of packages) {
    const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], { cwd: pkg.dir }));
    pkg.tarball = join(work, packed.filename);
    console.log(`pack ${pkg.manifest.name}@${pkg.manifest.version}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} KiB`);
    check(`publint --strict ${packed.filename}`, () => run(bin('publint'), ['run', pkg.tarball, '--strict']));
    // from the package's folder, where its .attw.json (if any) is read
    check(`attw ${packed.filename}`, () => run(bin('attw'), [pkg.tarball, '--format', 'table-flipped'], { cwd: pkg.dir }));
  }

  const consumer = join(work, 'consumer');
  run('mkdir', ['-p', consumer]);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'release-check-consumer', private: true }));
  // The peers at the versions this repository tests with, so a peer's release elsewhere cannot
  // turn this check red; the packages' own dependencies resolve as a user's install would.
  const peers = ['react', 'react-dom', '@nestjs/common', '@nestjs/core', 'reflect-metadata', 'rxjs', '@types/node', '@types/react', 'typescript'].map(
    (name) => `${name}@${JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version}`,
  );
  check('npm install of every tarball (with its peers) into a fresh project', () =>
    run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...packages.map((pkg) => pkg.tarball), ...peers], { cwd: consumer }),
  );

  const entries = packages.flatMap(({ manifest }) =>
    Object.keys(manifest.exports)
      .filter((key) => key !== './package.json' && !key.endsWith('.css'))
      .map((key) => manifest.name + key.slice(1)),
  );
  for (const entry of entries) {
    check(`require('${entry}')`, () => run(process.execPath, ['-e', `require(${JSON.stringify(entry)})`], { cwd: consumer }));
    check(`import('${entry}')`, () => run(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(entry)})`], { cwd: consumer }));
  }

  writeFileSync(join(consumer, 'entries.ts'), `${entries.map((entry, index) => `import * as entry${index} from '${entry}';`).join('\n')}\nexport const all = [${entries.map((_, index) => `entry${index}`).join(', ')}];\n`);
  const tsc = join(consumer, 'node_modules/typescript/bin/tsc');
  const common = ['--noEmit', '--strict', '--target', 'es2022', '--lib', 'es2022,dom', '--types', 'node', '--jsx', 'react-jsx', '--skipLibCheck', 'false', 'entries.ts'];
  check('TypeScript, module node16, type-checks every entry', () => run(process.execPath, [tsc, '--module', 'node16', '--moduleResolution', 'node16', ...common], { cwd: consumer }));
  check('TypeScript, module commonjs (node10 resolution), type-checks every entry', () => run(process.execPath, [tsc, '--module', 'commonjs', ...common], { cwd: consumer }));
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\n${failures.length} release check(s) failed: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`\n${packages.length} packages ready to publish: ${packages.map(({ manifest }) => manifest.name).join(', ')}`);
