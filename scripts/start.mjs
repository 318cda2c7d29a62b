#!/usr/bin/env node
// `npm start`: builds the console when there is no production build or the sources changed since it was made
// (see build-record.mjs), then serves it.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { changedSince, readRecord, sourceHashes, writeRecord } from './build-record.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const port = process.env.PORT || '3000';
// In sandbox mode (the default) the console shows a demo owner's password and plays Alipay: it listens on loopback
// only unless HOST says otherwise. Production listens on every interface by default (behind a reverse proxy).
const production = process.env.ALIPAY_MODE === 'production';
const host = process.env.HOST || (production ? '0.0.0.0' : '127.0.0.1');

const sources = sourceHashes(root);
const reason = whyBuild();
if (reason) {
  console.log(`[tinyapp] ${reason}: running \`next build\` (about a minute)…`);
  // antd's stylesheet is baked before the build, as `npm run build` does (scripts/antd-css.ts).
  const css = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'antd-css.ts')], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (css.status !== 0) process.exit(css.status ?? 1);
  const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // What was read before the build, so a file saved during it still counts as changed next time.
  writeRecord(root, sources);
} else {
  console.log('[tinyapp] the production build matches the sources');
}

/** Why a build is needed, for the log, or null when the existing one is current. */
function whyBuild() {
  if (process.argv.includes('--rebuild')) return 'rebuild asked for';
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'no production build yet';
  const record = readRecord(root);
  if (!record) return 'the production build does not record what it was built from';
  const changed = changedSince(record, sources);
  if (changed.length === 0) return null;
  const named = changed.slice(0, 5).join(', ') + (changed.length > 5 ? ` and ${changed.length - 5} more` : '');
  return `the sources changed since the build of ${record.builtAt} (${named})`;
}

console.log(`[tinyapp] listening on ${host}:${port}${!production && !process.env.HOST ? ' (sandbox mode: loopback only; set HOST to change)' : ''}`);
const server = spawn(process.execPath, [nextBin, 'start', '-p', port, '-H', host], { cwd: root, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
