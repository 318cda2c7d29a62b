// The batch worker: holds the worker lease, moves unfinished items from the console database into the queue, and
// runs them with bounded concurrency under a requests-per-second limit. Started by the server (lib/bootstrap.ts)
// and by `npm run worker`; whichever takes the lease works, the other waits.
import { Runner, RetryAfterError } from 'liteque';
import type { Db } from '@/db';
import type { Batch } from '@/db/schema';
import type { AlipayClient } from '@/lib/alipay/client';
import { itemsToSchedule, markEnqueued } from '@/lib/batches/data';
import { failItem, processItem, throttled, type EngineDeps } from '@/lib/batches/engine';
import { RateLimiter } from '@/lib/batches/rate-limit';
import type { RetryPolicy } from '@/lib/batches/retry';
import type { TokenSource } from '@/lib/batches/token-source';
import { BATCH_QUEUE_NAME, batchJobSchema, openBatchQueue, type BatchJob, type BatchQueue } from './batch-queue';
import { FOLLOW_INTERVAL_MS } from './build-follow';
import type { QueueFeed } from './queue-passes';
import { WorkerLease } from './worker-lease';

export interface BatchWorkerSettings {
  db: Db;
  queueFile: string;
  client: AlipayClient;
  tokens: TokenSource;
  concurrency: number;
  rps: number;
  retry?: RetryPolicy;
  buildPollMs?: number;
  auditPollMs?: number;
  /** How often new items are picked up and the lease renewed. */
  sweepMs?: number;
  /** How often every unfinished item is offered to the queue again (a safety net; duplicates are ignored). */
  fullSweepMs?: number;
  onBatchClosed?(batch: Batch): void;
  /**
   * On every sweep while this worker holds the lease (release plans decide between waves here). Returns the
   * idempotency keys of waiting items whose wait is over (e.g. their audit was decided): they run now.
   */
  onSweep?(): readonly string[] | void;
  log?(message: string): void;
  /** Reconciles one mini-program: a job the schedule's reconciliation pass put on the queue (lib/jobs/queue-passes). */
  reconcile?(merchantAppId: number, client: AlipayClient): Promise<void>;
  /** Fetches one mini-program's figures: a job the schedule's figures pass put on the queue. */
  figures?(job: { merchantAppId: number; realtime: boolean }, client: AlipayClient): Promise<void>;
  /** A console upload's builds: true while one still runs (it is looked at again after FOLLOW_INTERVAL_MS). */
  followBuilds?(merchantAppId: number, client: AlipayClient): Promise<boolean>;
}

export interface BatchWorker {
  /** Resolves once the worker holds the lease and has resumed what a previous worker left. */
  ready: Promise<void>;
  /** The worker lease: the scheduled jobs (lib/jobs/schedule.ts) run under it too. */
  lease: WorkerLease;
  /** Puts a job on the queue (the scheduled passes feed it through this). */
  enqueue: QueueFeed['enqueue'];
  stop(): Promise<void>;
}

const JOB_TIMEOUT_SECS = 120;

export function createBatchWorker(s: BatchWorkerSettings): BatchWorker {
  const log = s.log ?? (() => {});
  const queue: BatchQueue = openBatchQueue(s.queueFile);
  const lease = new WorkerLease(queue.sqlite);
  const wakeTask = queue.sqlite.prepare(`UPDATE tasks SET availableAt = @now WHERE queue = @queue AND idempotencyKey = @key AND status IN ('pending', 'pending_retry') AND availableAt > @now`);
  const deps: EngineDeps = {
    db: s.db,
    client: s.client,
    tokens: s.tokens,
    limiter: new RateLimiter(s.rps),
    retry: s.retry,
    buildPollMs: s.buildPollMs,
    auditPollMs: s.auditPollMs,
    onBatchClosed: s.onBatchClosed,
  };
  const reconcileClient = throttled(s.client, deps.limiter);
  const runner = new Runner<BatchJob>(
    queue,
    {
      run: async (job) => {
        const data = job.data;
        if ('kind' in data && data.kind === 'builds') {
          let building = false;
          try {
            building = (await s.followBuilds?.(data.merchantAppId, reconcileClient)) ?? false;
          } catch (e) {
            log(`following the builds of mini-program #${data.merchantAppId} failed: ${(e as Error).message}`);
          }
          if (building && Date.now() < data.until) throw new RetryAfterError(FOLLOW_INTERVAL_MS);
          return;
        }
        if ('kind' in data && data.kind === 'figures') {
          try {
            await s.figures?.(data, reconcileClient);
          } catch (e) {
            log(`figures of mini-program #${data.merchantAppId} failed: ${(e as Error).message}`);
          }
          return;
        }
        if ('kind' in data) {
          try {
            await s.reconcile?.(data.merchantAppId, reconcileClient);
          } catch (e) {
            // One mini-program's failure (a cancelled authorization, a platform fault) waits for the next pass.
            log(`reconciling mini-program #${data.merchantAppId} failed: ${(e as Error).message}`);
          }
          return;
        }
        const outcome = await processItem(deps, data.itemId);
        // Waiting (a build, a backoff) frees the slot for another merchant instead of sleeping in it.
        if (outcome.kind === 'wait') throw new RetryAfterError(outcome.delayMs);
      },
      onError: async (job) => {
        const data = job.data;
        if (!data || 'kind' in data) return;
        log(`batch item ${data.itemId} job error (${job.numRetriesLeft} tries left): ${job.error.message}`);
        if (job.numRetriesLeft <= 0) failItem(deps, data.itemId, 'INTERNAL_ERROR', job.error.message.slice(0, 500));
      },
    },
    { concurrency: s.concurrency, pollIntervalMs: 50, timeoutSecs: JOB_TIMEOUT_SECS, validator: batchJobSchema },
  );

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastFull = 0;

  async function schedule(all: boolean): Promise<void> {
    for (;;) {
      const items = itemsToSchedule(s.db, { all, limit: 500 });
      if (!items.length) return;
      for (const item of items) await queue.enqueue({ batchId: item.batchId, itemId: item.id }, { idempotencyKey: item.idempotencyKey });
      markEnqueued(
        s.db,
        items.map((i) => i.id),
        new Date(),
      );
      if (all || items.length < 500) return;
    }
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    if (!lease.tryAcquire()) {
      // Another worker took over (this one stalled past the lease): stop running jobs, it resumes them.
      if (running) {
        log('batch worker lost its lease; stopping');
        runner.stop();
        await running;
        running = undefined;
      }
      return;
    }
    if (!running) {
      const orphans = lease.requeueOrphans();
      if (orphans) log(`batch worker resumed ${orphans} interrupted job(s)`);
      runner.stopping = false;
      running = runner.run();
    }
    const full = Date.now() - lastFull > (s.fullSweepMs ?? 30_000);
    if (full) lastFull = Date.now();
    try {
      const wake = s.onSweep?.() ?? [];
      const now = Date.now();
      for (const key of wake) wakeTask.run({ now, queue: BATCH_QUEUE_NAME, key });
    } catch (e) {
      log(`release plan sweep failed: ${(e as Error).message}`);
    }
    await schedule(full);
  }

  const ready = (async () => {
    while (!stopped && !lease.tryAcquire()) await new Promise((r) => setTimeout(r, 1000));
    if (stopped) return;
    const orphans = lease.requeueOrphans();
    if (orphans) log(`batch worker resumed ${orphans} interrupted job(s)`);
    lastFull = Date.now();
    await schedule(true);
    running = runner.run();
    const loop = () => {
      timer = setTimeout(() => {
        tick()
          .catch((e: unknown) => log(`batch worker sweep failed: ${(e as Error).message}`))
          .finally(() => !stopped && loop());
      }, s.sweepMs ?? 500);
    };
    loop();
  })();

  return {
    ready,
    lease,
    enqueue: async (job, opts) => void (await queue.enqueue(job, opts)),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ready.catch(() => undefined);
      runner.stop();
      await running;
      lease.release();
      queue.sqlite.close();
    },
  };
}

// Kept on globalThis so that dev-server reloads do not start a second worker in one process.
const g = globalThis as unknown as { __batchWorker?: BatchWorker };

/** The console's worker: its database, Alipay client and encrypted tokens, settings from BATCH_* variables. */
export async function startBatchWorker(): Promise<BatchWorker> {
  if (g.__batchWorker) return g.__batchWorker;
  const [{ getDb }, { getConfig }, { getAlipayClient }, { consoleTokenSource }, { postBatchFinished }, { parseBatchSettings }, { batchQueueFile }, reconciler, { defaultVersionDeps }, plans] =
    await Promise.all([
      import('@/db'),
      import('@/lib/config'),
      import('@/lib/alipay/client'),
      import('@/lib/batches/console-token-source'),
      import('@/lib/batches/inbox'),
      import('@/lib/batches/settings'),
      import('./batch-queue'),
      import('@/lib/versions/reconciler'),
      import('@/lib/versions/deps'),
      import('@/lib/plans/service'),
    ]);
  const { followBuildsOnce } = await import('@/lib/versions/service');
  const { auditsDecided } = await import('@/lib/plans/data');
  const analytics = await import('@/lib/analytics/job');
  const settings = parseBatchSettings(process.env);
  const db = getDb();
  const config = getConfig();
  g.__batchWorker = createBatchWorker({
    db,
    queueFile: batchQueueFile(config.dataDir),
    client: getAlipayClient(),
    tokens: consoleTokenSource(db),
    concurrency: settings.concurrency,
    rps: settings.rps,
    buildPollMs: settings.buildPollMs,
    // A release plan's wave reports through its plan (lib/plans), not as a batch of its own.
    onBatchClosed: (batch) => (batch.planId ? plans.advancePlan(db, batch.planId) : postBatchFinished(db, batch)),
    onSweep: () => {
      plans.advancePlans(db);
      return auditsDecided(db);
    },
    log: (m) => console.log(`[tinyapp] ${m}`),
    reconcile: (merchantAppId, client) => reconciler.reconcileMiniApp({ ...defaultVersionDeps(), client }, merchantAppId),
    figures: async (job, client) => void (await analytics.fetchFigures({ db, client, tokens: consoleTokenSource(db) }, job)),
    followBuilds: (merchantAppId, client) => followBuildsOnce({ ...defaultVersionDeps(), client }, merchantAppId),
  });
  const worker = g.__batchWorker;
  const { startSchedule } = await import('./schedule');
  const scheduler = startSchedule({ db, config, queue: worker, env: process.env, log: (m) => console.log(`[tinyapp] ${m}`) }, worker.lease);
  g.__batchWorker = {
    ...worker,
    stop: () => {
      scheduler.stop();
      return worker.stop();
    },
  };
  return g.__batchWorker;
}
