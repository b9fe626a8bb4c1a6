#!/usr/bin/env node
// The README's two commands. `npm start`: install, build, start on embedded defaults.
// `npm test`: install, build, run every package's tests through turbo.
// Needs only Node.js 20 and npm: pnpm is fetched with npx when it is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '10.34.9';
const mode = process.argv[2];
if (mode !== 'start' && mode !== 'test') {
  console.error('usage: node scripts/platform.mjs start|test');
  process.exit(2);
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('10.')) return ['pnpm'];
  return ['npx', '--yes', `pnpm@${PNPM_VERSION}`];
}

function run(cmd, args, env = process.env) {
  console.log(`\n$ ${[...cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd[0], [...cmd.slice(1), ...args], { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The admin's browser tests drive Debian's Chromium; install it when we can (root with apt-get). */
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  const canApt =
    process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!canApt) {
    console.error(
      `The admin's browser tests need Chromium at ${path} (Debian: apt-get install -y chromium, or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
  run(['apt-get'], ['update', '-qq']);
  run(['apt-get'], ['install', '-y', '-qq', 'chromium'], {
    ...process.env,
    DEBIAN_FRONTEND: 'noninteractive',
  });
}

const pnpm = pnpmCommand();
run(pnpm, ['install', '--frozen-lockfile']);
if (mode === 'test') {
  ensureChromium();
  run(pnpm, ['exec', 'turbo', 'run', 'test', '--concurrency=1']);
} else {
  run(pnpm, ['exec', 'turbo', 'run', 'build']);
  const child = spawn(process.execPath, [join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
