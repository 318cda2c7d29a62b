// The batch queue: liteque in its own SQLite file (DATA_DIR/queue.db), one job per batch item, keyed by the item's
// idempotency key so an item is never scheduled twice. The console database stays the record of every item.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makePrivate, makePrivateDir } from '@/db/open';
import { buildDBClient, SqliteQueue } from 'liteque';
import { z } from 'zod';

/** A batch item to run, or a mini-program to reconcile (same queue, so both share the concurrency and rate limit). */
export const batchJobSchema = z.union([
  z.object({ batchId: z.number().int().positive(), itemId: z.number().int().positive() }),
  z.object({ kind: z.literal('reconcile'), merchantAppId: z.number().int().positive() }),
  // Data-analysis figures of one mini-program (lib/analytics/job.ts).
  z.object({ kind: z.literal('figures'), merchantAppId: z.number().int().positive(), realtime: z.boolean() }),
  // A console upload's build, followed until it ends or `until` (lib/jobs/build-follow.ts).
  z.object({ kind: z.literal('builds'), merchantAppId: z.number().int().positive(), until: z.number().int() }),
]);
export type BatchJob = z.infer<typeof batchJobSchema>;

export const BATCH_QUEUE_NAME = 'batch-items';

type Job = NonNullable<Awaited<ReturnType<SqliteQueue<BatchJob>['attemptDequeue']>>>;

interface TaskRow {
  id: number;
  queue: string;
  payload: string;
  createdAt: number;
  availableAt: number | null;
  status: Job['status'];
  expireAt: number | null;
  allocationId: string;
  numRunsLeft: number;
  maxNumRuns: number;
  idempotencyKey: string | null;
  priority: number;
}

export function batchQueueFile(dataDir: string): string {
  return path.join(dataDir, 'queue.db');
}

/**
 * liteque's own dequeue runs an async function inside a better-sqlite3 transaction, which better-sqlite3 12 refuses
 * ("Transaction function cannot return a promise"); this one is the same selection and claim, synchronously, in an
 * IMMEDIATE transaction.
 */
export class BatchQueue extends SqliteQueue<BatchJob> {
  constructor(
    readonly sqlite: Database.Database,
    db: ReturnType<typeof buildDBClient>,
  ) {
    // Unexpected errors (not platform answers: those the engine handles) get a few tries, then fail the item.
    super(BATCH_QUEUE_NAME, db, { defaultJobArgs: { numRetries: 3 }, keepFailedJobs: false });
    // Prepared once: the runner polls this many times a second.
    this.selectNext = sqlite.prepare(
      `SELECT * FROM tasks WHERE queue = ? AND (availableAt IS NULL OR availableAt <= ?)
         AND (status IN ('pending', 'pending_retry') OR (status = 'running' AND expireAt < ?))
       ORDER BY priority ASC, createdAt ASC, id ASC LIMIT 1`,
    );
    this.deleteTask = sqlite.prepare('DELETE FROM tasks WHERE id = ?');
    this.claimTask = sqlite.prepare('UPDATE tasks SET status = ?, numRunsLeft = ?, allocationId = ?, expireAt = ? WHERE id = ? AND allocationId = ?');
  }

  private readonly selectNext: Database.Statement;
  private readonly deleteTask: Database.Statement;
  private readonly claimTask: Database.Statement;

  override async attemptDequeue(options: { timeoutSecs: number }): Promise<Job | null> {
    const claim = this.sqlite.transaction((): TaskRow | null => {
      const nowMs = Date.now();
      const nowS = Math.floor(nowMs / 1000);
      const row = this.selectNext.get(this.queueName, nowMs, nowS) as TaskRow | undefined;
      if (!row) return null;
      if (row.numRunsLeft <= 0) {
        this.deleteTask.run(row.id);
        return null;
      }
      const claimed = { ...row, status: 'running' as const, numRunsLeft: row.numRunsLeft - 1, allocationId: crypto.randomBytes(8).toString('hex'), expireAt: nowS + options.timeoutSecs };
      this.claimTask.run(claimed.status, claimed.numRunsLeft, claimed.allocationId, claimed.expireAt, row.id, row.allocationId);
      return claimed;
    });
    const row = claim.immediate();
    if (!row) return null;
    return {
      ...row,
      createdAt: new Date(row.createdAt * 1000),
      availableAt: row.availableAt === null ? null : new Date(row.availableAt),
      expireAt: row.expireAt === null ? null : new Date(row.expireAt * 1000),
    };
  }
}

export function openBatchQueue(file: string): BatchQueue {
  makePrivateDir(path.dirname(file));
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  makePrivate(file);
  const db = buildDBClient(file, { runMigrations: true });
  // Only the claim's three statements (prepared once, below) and the lease run here: nothing to cache.
  const sqlite = new Database(file);
  sqlite.pragma('busy_timeout = 5000');
  // As liteque's own connection: in WAL mode, NORMAL loses no committed job on a crash of the process (only on a
  // power cut), and spares an fsync on every claim.
  sqlite.pragma('synchronous = NORMAL');
  makePrivate(file);
  return new BatchQueue(sqlite, db);
}
