import { lstatSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `<tmp>/billingos-<uid>`, created 0700, or `undefined` when it exists but is not ours alone
 * (a symlink, another owner, group or world access): the shared temp folder lets anyone
 * create that name first, and what is loaded from it becomes the API's database.
 */
export function privateTempDir(base = tmpdir()): string | undefined {
  const uid = process.getuid?.() ?? 0;
  const dir = join(base, `billingos-${uid}`);
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return undefined;
  }
  return isPrivate(dir, uid) ? dir : undefined;
}

/** A regular file or real folder owned by `uid` that nobody else may write (or, for folders, enter). */
export function isPrivate(path: string, uid = process.getuid?.() ?? 0): boolean {
  try {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink() || stat.uid !== uid) return false;
    return stat.isDirectory() ? (stat.mode & 0o077) === 0 : stat.isFile() && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}
