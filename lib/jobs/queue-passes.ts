// The scheduled passes that feed the batch queue (listed in lib/jobs/schedule.ts): each enqueues one job per
// mini-program, keyed by it, so a pass slower than its interval never queues a second job for one that still waits.
// The jobs run in the batch worker, behind batch items and under its requests-per-second limit.
import type { BatchJob } from './batch-queue';

/** Where a pass puts its jobs: the batch worker's queue (duplicates of a key still waiting are ignored). */
export interface QueueFeed {
  enqueue(job: BatchJob, opts: { idempotencyKey: string; priority: number }): Promise<void>;
}

/** Reconciliation: the mini-programs whose record may be stale are read again from the platform. */
export async function reconcilePass(
  queue: QueueFeed,
  r: {
    /** The mini-programs a pass reads. */
    due(): number[];
    /** Once per pass, before the jobs (e.g. stored messages left unprocessed). */
    beforePass?(): void;
  },
  log: (message: string) => void,
): Promise<void> {
  try {
    r.beforePass?.();
  } catch (e) {
    log(`processing stored messages failed: ${(e as Error).message}`);
  }
  for (const merchantAppId of r.due()) {
    await queue.enqueue({ kind: 'reconcile', merchantAppId }, { idempotencyKey: `reconcile:${merchantAppId}`, priority: 1 });
  }
}

/** Data-analysis figures: the mini-programs whose figures are missing or requested (after batches and reconciliation). */
export async function figuresPass(queue: QueueFeed, due: () => Array<{ merchantAppId: number; realtime: boolean }>): Promise<void> {
  for (const job of due()) {
    await queue.enqueue({ kind: 'figures', ...job }, { idempotencyKey: `figures:${job.merchantAppId}`, priority: 2 });
  }
}
