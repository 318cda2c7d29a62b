// The batch worker: holds the worker lease, moves unfinished items from the console database into the queue, and
// runs them with bounded concurrency under a requests-per-second limit. Started by the server (lib/bootstrap.ts)
// and by `npm run worker`; whichever takes the lease works, the other waits.
import { Runner, RetryAfterError } from 'liteque';
import type { Db } from '@/db';
import type { Batch } from '@/db/schema';
import type { AlipayClient } from '@/lib/alipay/client';
import { itemsToSchedule, markEnqueued } from '@/lib/batches/data';
import { failItem, processItem, type EngineDeps } from '@/lib/batches/engine';
import { RateLimiter } from '@/lib/batches/rate-limit';
import type { RetryPolicy } from '@/lib/batches/retry';
import type { TokenSource } from '@/lib/batches/token-source';
import { batchJobSchema, openBatchQueue, type BatchJob, type BatchQueue } from './batch-queue';
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
  /** How often new items are picked up and the lease renewed. */
  sweepMs?: number;
  /** How often every unfinished item is offered to the queue again (a safety net; duplicates are ignored). */
  fullSweepMs?: number;
  onBatchClosed?(batch: Batch): void;
  log?(message: string): void;
}

export interface BatchWorker {
  /** Resolves once the worker holds the lease and has resumed what a previous worker left. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

const JOB_TIMEOUT_SECS = 120;

export function createBatchWorker(s: BatchWorkerSettings): BatchWorker {
  const log = s.log ?? (() => {});
  const queue: BatchQueue = openBatchQueue(s.queueFile);
  const lease = new WorkerLease(queue.sqlite);
  const deps: EngineDeps = {
    db: s.db,
    client: s.client,
    tokens: s.tokens,
    limiter: new RateLimiter(s.rps),
    retry: s.retry,
    buildPollMs: s.buildPollMs,
    onBatchClosed: s.onBatchClosed,
  };
  const runner = new Runner<BatchJob>(
    queue,
    {
      run: async (job) => {
        const outcome = await processItem(deps, job.data.itemId);
        // Waiting (a build, a backoff) frees the slot for another merchant instead of sleeping in it.
        if (outcome.kind === 'wait') throw new RetryAfterError(outcome.delayMs);
      },
      onError: async (job) => {
        log(`batch item ${job.data?.itemId ?? '?'} job error (${job.numRetriesLeft} tries left): ${job.error.message}`);
        if (job.numRetriesLeft <= 0 && job.data) failItem(deps, job.data.itemId, 'INTERNAL_ERROR', job.error.message.slice(0, 500));
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
  const [{ getDb }, { getConfig }, { getAlipayClient }, { consoleTokenSource }, { postBatchFinished }, { parseBatchSettings }, { batchQueueFile }] = await Promise.all([
    import('@/db'),
    import('@/lib/config'),
    import('@/lib/alipay/client'),
    import('@/lib/batches/console-token-source'),
    import('@/lib/batches/inbox'),
    import('@/lib/batches/settings'),
    import('./batch-queue'),
  ]);
  const settings = parseBatchSettings(process.env);
  const db = getDb();
  const config = getConfig();
  if (config.backup.cron) {
    const { startBackupSchedule } = await import('./backup-schedule');
    startBackupSchedule({
      dataDir: config.dataDir,
      backupDir: config.backup.dir,
      secretsDir: config.backup.secretsDir,
      cron: config.backup.cron,
      keep: config.backup.keep,
      log: (m) => console.log(`[tinyapp] ${m}`),
    });
  }
  g.__batchWorker = createBatchWorker({
    db,
    queueFile: batchQueueFile(config.dataDir),
    client: getAlipayClient(),
    tokens: consoleTokenSource(db),
    concurrency: settings.concurrency,
    rps: settings.rps,
    buildPollMs: settings.buildPollMs,
    onBatchClosed: (batch) => postBatchFinished(db, batch),
    log: (m) => console.log(`[tinyapp] ${m}`),
  });
  return g.__batchWorker;
}
