import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { WorkerLease } from './worker-lease';

let dir: string;
let a: Database.Database;
let b: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lease-'));
  a = new Database(path.join(dir, 'queue.db'));
  b = new Database(path.join(dir, 'queue.db'));
});
afterEach(() => {
  a.close();
  b.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('WorkerLease', () => {
  test('one holder at a time; the other takes over after release or expiry', () => {
    const first = new WorkerLease(a, 1000);
    const second = new WorkerLease(b, 1000);
    const now = Date.now();
    expect(first.tryAcquire(now)).toBe(true);
    expect(second.tryAcquire(now)).toBe(false);
    expect(first.tryAcquire(now + 500)).toBe(true);
    expect(second.tryAcquire(now + 1400)).toBe(false);
    expect(second.tryAcquire(now + 1600)).toBe(true);
    expect(first.tryAcquire(now + 1700)).toBe(false);
    second.release();
    expect(first.tryAcquire(now + 1800)).toBe(true);
  });

  test('a holder whose process is gone (kill -9) is replaced at once, without waiting for expiry', () => {
    const next = new WorkerLease(b);
    a.prepare('INSERT INTO batch_worker_lease (id, owner, pid, host, expires_at) VALUES (1, ?, ?, ?, ?)').run('dead', 2 ** 22 + 12345, os.hostname(), Date.now() + 60_000);
    expect(next.tryAcquire()).toBe(true);
  });
});
