// Batch operations across many merchants. Re-exported from db/schema.ts.
// A batch is durable: every item's state is written before and after each platform call, so a worker that dies
// at any point resumes from these rows (the liteque queue only schedules; it is not the record).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { users } from './schema-core';
import { BATCH_OPERATIONS, BATCH_STATUSES, BATCH_STEPS, ITEM_STATES } from '../lib/batches/vocabulary';
export {
  BATCH_OPERATIONS,
  BATCH_STATUSES,
  BATCH_STEPS,
  ITEM_STATES,
  type BatchOperation,
  type BatchStatus,
  type BatchStep,
  type ItemState,
} from '../lib/batches/vocabulary';

export const batches = sqliteTable(
  'batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    operation: text('operation', { enum: BATCH_OPERATIONS }).notNull(),
    /** JSON of the operation's parameters (validated by lib/batches/operations.ts). */
    params: text('params').notNull(),
    status: text('status', { enum: BATCH_STATUSES }).notNull().default('running'),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email').notNull(),
    total: integer('total').notNull().default(0),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    cancelled: integer('cancelled').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    /** The release plan this batch is a wave of (lib/plans); no foreign key: the schemas are separate files. */
    planId: integer('plan_id'),
  },
  (t) => [
    index('batches_status_idx').on(t.status, t.createdAt),
    // The dashboard: recent batches, and recent batches with failures.
    index('batches_created_idx').on(t.createdAt),
    index('batches_failed_idx').on(t.createdAt).where(sql`failed > 0`),
    index('batches_plan_idx').on(t.planId),
  ],
);
export type Batch = typeof batches.$inferSelect;
export type NewBatch = typeof batches.$inferInsert;

/** One merchant mini-program in a batch, walking its chain of steps (e.g. upload → build → submit). */
export const batchItems = sqliteTable(
  'batch_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => batches.id, { onDelete: 'cascade' }),
    // No foreign keys to merchants: a batch's record outlives a deleted merchant.
    merchantId: integer('merchant_id'),
    merchantAppId: integer('merchant_app_id'),
    authAppId: text('auth_app_id').notNull(),
    merchantName: text('merchant_name').notNull(),
    /** `batch:<id>:app:<authAppId>`: the queue job's key, so an item is never scheduled twice. */
    idempotencyKey: text('idempotency_key').notNull(),
    /** JSON list of the steps, in order. */
    steps: text('steps').notNull(),
    step: text('step', { enum: BATCH_STEPS }).notNull(),
    state: text('state', { enum: ITEM_STATES }).notNull().default('pending'),
    /** A call was sent and its outcome is not recorded yet: check the platform before sending it again. */
    callOutstanding: integer('call_outstanding', { mode: 'boolean' }).notNull().default(false),
    /** Calls sent for this item, over all its steps. */
    attempts: integer('attempts').notNull().default(0),
    /** Tries of the current step: what the retry policy counts. */
    stepAttempts: integer('step_attempts').notNull().default(0),
    /** The version this item works on (chosen before the first call, so a resumed upload repeats the same one). */
    appVersion: text('app_version'),
    /** JSON: what is (or was last) sent, without tokens or images. */
    request: text('request'),
    /** JSON: what the platform answered. */
    result: text('result'),
    subCode: text('sub_code'),
    /** A catalog key (rendered in the reader's language with `messageParams`) or the platform's own text. */
    message: text('message'),
    /** JSON parameters of `message` when it is a catalog key. */
    messageParams: text('message_params'),
    /** The worker picked it up from the database into its queue (cleared by "retry failed"). */
    enqueuedAt: integer('enqueued_at', { mode: 'timestamp_ms' }),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('batch_items_idempotency_key_unique').on(t.idempotencyKey),
    index('batch_items_batch_idx').on(t.batchId, t.state),
    index('batch_items_enqueue_idx').on(t.state, t.enqueuedAt),
    // A mini-program is in at most one unfinished batch item at a time.
    uniqueIndex('batch_items_active_app_unique').on(t.authAppId).where(sql`state in ('pending', 'running')`),
  ],
);
export type BatchItem = typeof batchItems.$inferSelect;
export type NewBatchItem = typeof batchItems.$inferInsert;
