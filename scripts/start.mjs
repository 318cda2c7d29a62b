#!/usr/bin/env node
// `npm start`: builds the console once if there is no production build yet, then serves it.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const port = process.env.PORT || '3000';
// In sandbox mode (the default) the console shows a demo owner's password and plays Alipay: it listens on loopback
// only unless HOST says otherwise. Production listens on every interface by default (behind a reverse proxy).
const production = process.env.ALIPAY_MODE === 'production';
const host = process.env.HOST || (production ? '0.0.0.0' : '127.0.0.1');

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID')) || process.argv.includes('--rebuild')) {
  console.log('[tinyapp] no production build yet: running `next build` (about a minute)…');
  // antd's stylesheet is baked before the build, as `npm run build` does (scripts/antd-css.ts).
  const css = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'antd-css.ts')], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (css.status !== 0) process.exit(css.status ?? 1);
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`[tinyapp] listening on ${host}:${port}${!production && !process.env.HOST ? ' (sandbox mode: loopback only; set HOST to change)' : ''}`);
const server = spawn(process.execPath, [nextBin, 'start', '-p', port, '-H', host], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
