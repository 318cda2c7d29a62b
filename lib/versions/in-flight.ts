// Who is working on a mini-program's version right now, across every process that shares the console database (the
// server, `npm run worker`): a row in `version_locks` per key. A second click, a batch item and a person acting on the
// same version never run at once; the loser is told what runs, and nothing is sent twice.
import crypto from 'node:crypto';
import type { Db } from '@/db';
import { releaseVersionLocks, takeVersionLocks, versionLock } from './data';

export const versionKey = (merchantAppId: number, appVersion: string) => `${merchantAppId}:${appVersion}`;
export const uploadKey = (merchantAppId: number) => `${merchantAppId}:upload`;

/** Longer than any one operation (a few calls of ALIPAY_TIMEOUT_MS each); a lock older than this is abandoned. */
const LOCK_TTL_MS = 10 * 60_000;

const processToken = crypto.randomBytes(6).toString('hex');
let sequence = 0;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes every key or none (in one transaction). A key held by a process that has died, or held past its lease, is
 * taken over: a `kill -9` mid-call never blocks a version for long.
 */
export function tryLock(db: Db, keys: readonly string[], operation: string, now = new Date()): { ok: true; holder: string } | { ok: false; running: string } {
  const holder = `${process.pid}:${processToken}:${++sequence}`;
  const taken = takeVersionLocks(
    db,
    keys,
    { operation, holder, pid: process.pid, expiresAt: new Date(now.getTime() + LOCK_TTL_MS), acquiredAt: now },
    (row) => row.expiresAt.getTime() <= now.getTime() || !alive(row.pid),
  );
  return taken.ok ? { ok: true, holder } : taken;
}

export function unlock(db: Db, keys: readonly string[], holder: string): void {
  if (!keys.length) return;
  releaseVersionLocks(db, keys, holder);
}

/** What runs on the key, if a live holder has it. */
export function lockedOperation(db: Db, key: string, now = new Date()): string | undefined {
  const row = versionLock(db, key);
  if (!row || row.expiresAt.getTime() <= now.getTime() || !alive(row.pid)) return undefined;
  return row.operation;
}

export const isLocked = (db: Db, key: string) => lockedOperation(db, key) !== undefined;

/** Runs `fn` holding the keys, unless something already runs on one of them (then reports what runs there). */
export async function runExclusive<T>(
  db: Db,
  keys: string[],
  operation: string,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false; running: string }> {
  const taken = tryLock(db, keys, operation);
  if (!taken.ok) return { ran: false, running: taken.running };
  try {
    return { ran: true, value: await fn() };
  } finally {
    unlock(db, keys, taken.holder);
  }
}
