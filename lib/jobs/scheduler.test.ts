import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { startScheduler, type Scheduler, type ScheduledJob } from './scheduler';
import { WorkerLease } from './worker-lease';

let dir: string;
let connections: Database.Database[];
let schedulers: Scheduler[];

/** One worker process: its own connection to the shared queue file, its own lease owner. */
function worker(jobs: ScheduledJob[], log: string[] = []) {
  const sqlite = new Database(path.join(dir, 'queue.db'));
  connections.push(sqlite);
  const lease = new WorkerLease(sqlite);
  const scheduler = startScheduler(jobs, { lease, log: (m) => log.push(m) });
  schedulers.push(scheduler);
  return { scheduler, lease };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-'));
  connections = [];
  schedulers = [];
});
afterEach(() => {
  vi.useRealTimers();
  for (const s of schedulers) s.stop();
  for (const c of connections) c.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the worker schedule', () => {
  test('two workers on one queue: a tick runs the job once, in the process holding the lease', async () => {
    const runs: string[] = [];
    const job = (who: string): ScheduledJob => ({ name: 'tokens', every: '0 0 1 1 *', run: () => void runs.push(who) });
    const a = worker([job('a')]);
    const b = worker([job('b')]);
    expect(a.lease.tryAcquire()).toBe(true);

    expect(await Promise.all([a.scheduler.run('tokens'), b.scheduler.run('tokens')])).toEqual(['ran', 'standby']);
    expect(runs).toEqual(['a']);

    // The holder goes away: the other takes over on its next tick.
    a.lease.release();
    a.scheduler.stop();
    expect(await b.scheduler.run('tokens')).toBe('ran');
    expect(runs).toEqual(['a', 'b']);
  });

  test('a tick that comes while the previous run still runs does not start a second one', async () => {
    let finish!: () => void;
    let started = 0;
    const { scheduler } = worker([{ name: 'slow', every: '0 0 1 1 *', run: () => (started++, new Promise<void>((r) => (finish = r))) }]);
    const first = scheduler.run('slow');
    await vi.waitFor(() => expect(started).toBe(1));
    expect(await scheduler.run('slow')).toBe('busy');
    finish();
    expect(await first).toBe('ran');
    expect(started).toBe(1);
  });

  test('a failing run is logged and the next tick runs the job again', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00.500Z') });
    const log: string[] = [];
    let calls = 0;
    worker(
      [
        {
          name: 'reconcile',
          every: 2000,
          run: () => {
            calls++;
            if (calls === 1) throw new Error('gateway unreachable');
          },
        },
      ],
      log,
    );
    await vi.advanceTimersByTimeAsync(2_100);
    expect(calls).toBe(1);
    expect(log).toEqual(['scheduled job reconcile failed: gateway unreachable']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(2);
    expect(log).toHaveLength(1);
  });

  test('a job run at start is tried again after its delays while it fails, then not again', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
    const log: string[] = [];
    let calls = 0;
    worker(
      [
        {
          name: 'templates',
          atStart: true,
          retryAtStart: [1, 2],
          run: () => {
            calls++;
            if (calls < 3) throw new Error(`attempt ${calls}`);
          },
        },
      ],
      log,
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
    expect(log).toEqual(['scheduled job templates failed: attempt 1', 'scheduled job templates failed: attempt 2']);
  });

  test('a worker standing by runs nothing on its ticks', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T00:00:00Z') });
    let calls = 0;
    const holder = worker([]);
    expect(holder.lease.tryAcquire()).toBe(true);
    worker([{ name: 'notifications', every: '* * * * * *', run: () => void calls++ }]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(0);
  });
});
