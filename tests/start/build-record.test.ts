// `npm start` rebuilds when the sources changed since the build: what counts as a source, and what it reports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

type Files = Record<string, string>;
const { sourceHashes, changedSince, writeRecord, readRecord } = (await import(
  // @ts-expect-error a plain ESM script without types, run by `npm start` before anything is built
  '../../scripts/build-record.mjs'
)) as {
  sourceHashes: (root: string) => Files;
  changedSince: (record: { files: Files } | null, files: Files) => string[];
  writeRecord: (root: string, files: Files) => void;
  readRecord: (root: string) => { builtAt: string; files: Files } | null;
};

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-record-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('the build record', () => {
  it('covers the app sources and the lockfile, not data, tests or the build itself', () => {
    const root = project({
      'app/page.tsx': 'a',
      'lib/x.ts': 'b',
      'lib/x.test.ts': 't',
      'package-lock.json': '{}',
      'data/console.db': 'db',
      'node_modules/m/index.js': 'm',
      '.next/BUILD_ID': 'id',
      'e2e/a.spec.ts': 'e',
    });
    expect(Object.keys(sourceHashes(root))).toEqual(['app/page.tsx', 'lib/x.ts', 'package-lock.json']);
  });

  it('finds nothing changed right after a build, and names the files edited, added or removed since', () => {
    const root = project({ 'app/page.tsx': 'a', 'lib/x.ts': 'b', 'lib/gone.ts': 'c', 'package-lock.json': '{}' });
    fs.mkdirSync(path.join(root, '.next'));
    writeRecord(root, sourceHashes(root));
    expect(changedSince(readRecord(root), sourceHashes(root))).toEqual([]);
    fs.writeFileSync(path.join(root, 'lib/x.ts'), 'b2');
    fs.writeFileSync(path.join(root, 'lib/new.ts'), 'n');
    fs.rmSync(path.join(root, 'lib/gone.ts'));
    fs.writeFileSync(path.join(root, 'package-lock.json'), '{"v":2}');
    expect(changedSince(readRecord(root), sourceHashes(root))).toEqual(['lib/gone.ts', 'lib/new.ts', 'lib/x.ts', 'package-lock.json']);
  });

  it('treats a build without a record as built from unknown sources', () => {
    const root = project({ 'app/page.tsx': 'a' });
    expect(readRecord(root)).toBeNull();
    expect(changedSince(null, sourceHashes(root))).toEqual(['app/page.tsx']);
  });
});
