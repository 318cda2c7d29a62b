// The one table of scheduled jobs: everything the worker runs in the background is listed there, with its interval
// from the environment; the queue passes put one job per mini-program on the batch queue, keyed by it.
import { describe, expect, test } from 'vitest';
import type { Config } from '@/lib/config';
import { memoryDb } from '@/lib/testing/memory-db';
import type { BatchJob } from './batch-queue';
import { figuresPass, reconcilePass, type QueueFeed } from './queue-passes';
import { scheduledJobs } from './schedule';

function feed() {
  const queued: { job: BatchJob; idempotencyKey: string; priority: number }[] = [];
  const queue: QueueFeed = { enqueue: async (job, opts) => void queued.push({ job, ...opts }) };
  return { queue, queued };
}

const config = (cron = '') => ({ dataDir: '/tmp/x', backup: { cron, dir: '/tmp/x/backups', secretsDir: '/tmp/x', keep: 7 } }) as unknown as Config;

describe('the schedule table', () => {
  test('lists every background job, the queue passes at their intervals from the environment', () => {
    const jobs = scheduledJobs({ db: memoryDb(), config: config(), queue: feed().queue, env: { RECONCILE_INTERVAL_MS: '45000', ANALYTICS_INTERVAL_MS: '600000' }, log: () => {} });
    expect(jobs.map((j) => [j.name, j.every])).toEqual([
      ['authorization.tokens', '*/10 * * * *'],
      ['authorization.notifications', '*/15 * * * * *'],
      ['templates.sync', undefined],
      ['versions.reconcile', 45_000],
      ['analytics.figures', 600_000],
      ['analytics.figures.requested', 1000],
    ]);
  });

  test('defaults: reconciliation every 30 s, figures hourly; the backup only when it has a schedule', () => {
    const jobs = scheduledJobs({ db: memoryDb(), config: config('0 3 * * *'), queue: feed().queue, env: {}, log: () => {} });
    const every = Object.fromEntries(jobs.map((j) => [j.name, j.every]));
    expect(every['versions.reconcile']).toBe(30_000);
    expect(every['analytics.figures']).toBe(3_600_000);
    expect(every['backup.daily']).toBe('0 3 * * *');
  });

  test('a bad interval stops the start, naming the variable', () => {
    expect(() => scheduledJobs({ db: memoryDb(), config: config(), queue: feed().queue, env: { ANALYTICS_INTERVAL_MS: '10' }, log: () => {} })).toThrow(/ANALYTICS_INTERVAL_MS/);
  });
});

describe('the queue passes', () => {
  test('reconciliation: stored messages first, then one job per mini-program keyed by it', async () => {
    const { queue, queued } = feed();
    const order: string[] = [];
    await reconcilePass(queue, { beforePass: () => void order.push('messages'), due: () => (order.push('due'), [3, 5]) }, () => {});
    expect(order).toEqual(['messages', 'due']);
    expect(queued).toEqual([
      { job: { kind: 'reconcile', merchantAppId: 3 }, idempotencyKey: 'reconcile:3', priority: 1 },
      { job: { kind: 'reconcile', merchantAppId: 5 }, idempotencyKey: 'reconcile:5', priority: 1 },
    ]);
  });

  test('a failure processing stored messages is logged and the pass goes on', async () => {
    const { queue, queued } = feed();
    const log: string[] = [];
    await reconcilePass(queue, { beforePass: () => { throw new Error('bad message'); }, due: () => [7] }, (m) => log.push(m));
    expect(log).toEqual(['processing stored messages failed: bad message']);
    expect(queued.map((q) => q.idempotencyKey)).toEqual(['reconcile:7']);
  });

  test('figures: one job per mini-program keyed by it, behind reconciliation', async () => {
    const { queue, queued } = feed();
    await figuresPass(queue, () => [{ merchantAppId: 9, realtime: true }]);
    expect(queued).toEqual([{ job: { kind: 'figures', merchantAppId: 9, realtime: true }, idempotencyKey: 'figures:9', priority: 2 }]);
  });
});
