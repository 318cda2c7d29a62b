#!/usr/bin/env node
// What a production build was made from: a SHA-256 of every source file and the lockfile, written next to the build
// (.next/tinyapp-build.json) so `npm start` can tell that the sources changed since and build again.
// Run directly (`node scripts/build-record.mjs`, done by `npm run build`) it records the current sources.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const RECORD_FILE = path.join('.next', 'tinyapp-build.json');

// Folders that never go into the build: data, tests, tooling, outputs.
const SKIP_DIRS = new Set(['node_modules', '.next', '.git', '.ci', 'data', 'backups', 'backups-secrets', 'e2e', 'tests', 'scripts', 'test-results', 'playwright-report', 'screenshots', 'coverage']);
const SKIP_FILE = /(antd-static\.css|\.test\.tsx?|\.md|\.tsbuildinfo|\.db(-wal|-shm)?|\.pem)$|^\.env/;

function walk(root, dir, out) {
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.next')) walk(root, rel, out);
    } else if (entry.isFile() && !SKIP_FILE.test(entry.name)) {
      out.push(rel);
    }
  }
  return out;
}

/** Each source file's SHA-256, by path relative to the project root. */
export function sourceHashes(root) {
  const files = {};
  for (const rel of walk(root, '', []).sort()) {
    files[rel] = crypto.createHash('sha256').update(fs.readFileSync(path.join(root, rel))).digest('hex');
  }
  return files;
}

export function readRecord(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, RECORD_FILE), 'utf8'));
  } catch {
    return null;
  }
}

export function writeRecord(root, files) {
  fs.writeFileSync(path.join(root, RECORD_FILE), `${JSON.stringify({ builtAt: new Date().toISOString(), files }, null, 1)}\n`);
}

/** The paths added, changed or removed between a recorded build and the sources now. */
export function changedSince(record, files) {
  const before = record?.files ?? {};
  const paths = new Set([...Object.keys(before), ...Object.keys(files)]);
  return [...paths].filter((p) => before[p] !== files[p]).sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  writeRecord(root, sourceHashes(root));
}
