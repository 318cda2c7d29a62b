// The version lock across real processes: the server and `npm run worker` share one SQLite file, so a person and a
// batch item must not work on one version at once, and a process killed mid-operation must not block it for long.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMigrations } from '@/db/migrate';
import { openSqlite } from '@/db/open';
import * as schema from '@/db/schema';
import { lockedOperation, runExclusive, tryLock, unlock } from './in-flight';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function database() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lock-')), 'console.db');
  const sqlite = openSqlite(file);
  applyMigrations(sqlite, path.join(process.cwd(), 'db', 'migrations'));
  return { file, db: drizzle(sqlite, { schema }) };
}

/** Starts a process that takes the lock; resolves with what it printed first. */
function holder(file: string, operation: string, keys: string[]): Promise<{ child: ChildProcess; said: string }> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.join(__dirname, 'testing', 'lock-holder.ts'), file, operation, ...keys], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', (b: Buffer) => resolve({ child, said: b.toString().trim() }));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

const exited = (child: ChildProcess) => new Promise((r) => child.once('exit', r));

describe('version lock across processes', () => {
  it('a version held by another process is refused with what runs there, and free once that process ends', async () => {
    const { file, db } = database();
    const other = await holder(file, 'grayRelease', ['7:1.0.0']);
    expect(other.said).toBe('locked');

    const ran: string[] = [];
    const refused = await runExclusive(db, ['7:1.0.0'], 'online', async () => ran.push('online'));
    expect(refused).toEqual({ ran: false, running: 'grayRelease' });
    expect(lockedOperation(db, '7:1.0.0')).toBe('grayRelease');
    // Another version of the same mini-program is not held.
    expect((await runExclusive(db, ['7:1.0.1'], 'delete', async () => ran.push('delete'))).ran).toBe(true);

    // What a kill -9 leaves: the row stays, its holder is gone; the next taker is not blocked by it.
    other.child.kill('SIGKILL');
    await exited(other.child);
    expect(lockedOperation(db, '7:1.0.0')).toBeUndefined();
    expect((await runExclusive(db, ['7:1.0.0'], 'online', async () => ran.push('online'))).ran).toBe(true);
    expect(ran).toEqual(['delete', 'online']);
  }, 30_000);

  it('the other process is refused while this one holds the version, and all keys are taken or none', async () => {
    const { file, db } = database();
    const mine = tryLock(db, ['9:upload'], 'upload');
    expect(mine.ok).toBe(true);
    const other = await holder(file, 'upload', ['9:2.0.0', '9:upload']);
    expect(other.said).toBe('busy:upload');
    // Nothing of the refused attempt stayed behind: 9:2.0.0 is free.
    expect(lockedOperation(db, '9:2.0.0')).toBeUndefined();
    if (mine.ok) unlock(db, ['9:upload'], mine.holder);
    const again = await holder(file, 'upload', ['9:2.0.0', '9:upload']);
    expect(again.said).toBe('locked');
  }, 30_000);

  it('a lock past its lease is taken over even when its holder still runs', () => {
    const { db } = database();
    const old = tryLock(db, ['3:1.0.0'], 'submitAudit', new Date(Date.now() - 11 * 60_000));
    expect(old.ok).toBe(true);
    expect(tryLock(db, ['3:1.0.0'], 'online').ok).toBe(true);
  });
});
