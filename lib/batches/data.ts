// Reads and writes of batches and their items. No auth, no platform calls.
import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { prepared } from '@/db/prepared';
import { batches, batchItems, merchantApps, merchants, releasePlanMembers, releasePlans, type Batch, type BatchItem, type BatchOperation, type BatchStep, type ItemState, type NewBatchItem } from '@/db/schema';

export const ACTIVE_ITEM_STATES: readonly ItemState[] = ['pending', 'running'];
export const itemKey = (batchId: number, authAppId: string) => `batch:${batchId}:app:${authAppId}`;

export interface NewItemInput {
  merchantId: number | null;
  merchantAppId: number | null;
  authAppId: string;
  merchantName: string;
  /** Null when the pre-flight skipped it: the item is recorded as skipped with this reason. */
  skipReason?: string | null;
  /** JSON parameters of `skipReason` (a catalog key). */
  skipParams?: string | null;
}

export class MerchantBusyError extends Error {
  constructor(readonly authAppIds: string[]) {
    super(`already in a running batch: ${authAppIds.join(', ')}`);
    this.name = 'MerchantBusyError';
  }
}

/** Plans whose merchants are held by them: a paused plan still owns its merchants until it finishes or is aborted. */
export const ACTIVE_PLAN_STATUSES = ['running', 'paused'] as const;

/**
 * The one rule "a mini-program is in at most one running plan or batch": of those given, the ones in an unfinished
 * item of any batch or (not skipped) in a running or paused release plan other than `exceptPlanId`.
 */
export function busyApps(db: Db, authAppIds: readonly string[], opts: { exceptPlanId?: number | null } = {}): string[] {
  if (!authAppIds.length) return [];
  const busy = new Set<string>();
  for (let i = 0; i < authAppIds.length; i += 500) {
    const chunk = authAppIds.slice(i, i + 500);
    db.select({ a: batchItems.authAppId })
      .from(batchItems)
      .where(and(inArray(batchItems.authAppId, chunk), inArray(batchItems.state, ACTIVE_ITEM_STATES)))
      .all()
      .forEach((r) => busy.add(r.a));
    db.select({ a: releasePlanMembers.authAppId })
      .from(releasePlanMembers)
      .innerJoin(releasePlans, eq(releasePlans.id, releasePlanMembers.planId))
      .where(
        and(
          inArray(releasePlanMembers.authAppId, chunk),
          isNull(releasePlanMembers.skippedAt),
          inArray(releasePlans.status, ACTIVE_PLAN_STATUSES),
          opts.exceptPlanId ? ne(releasePlans.id, opts.exceptPlanId) : undefined,
        ),
      )
      .all()
      .forEach((r) => busy.add(r.a));
  }
  return [...busy];
}

/** Creates the batch and its items in one transaction; refuses when any mini-program is busy in another batch. */
export function insertBatch(
  db: Db,
  input: { operation: BatchOperation; params: unknown; createdById: number | null; createdByEmail: string; steps: BatchStep[]; items: NewItemInput[]; planId?: number },
): Batch {
  return db.transaction((tx) => {
    const busy = busyApps(
      tx as unknown as Db,
      input.items.filter((i) => !i.skipReason).map((i) => i.authAppId),
      { exceptPlanId: input.planId },
    );
    if (busy.length) throw new MerchantBusyError(busy);
    const skipped = input.items.filter((i) => i.skipReason).length;
    const batch = tx
      .insert(batches)
      .values({
        operation: input.operation,
        params: JSON.stringify(input.params),
        createdById: input.createdById,
        createdByEmail: input.createdByEmail,
        total: input.items.length,
        skipped,
        planId: input.planId ?? null,
      })
      .returning()
      .get();
    const now = new Date();
    const rows: NewBatchItem[] = input.items.map((i) => ({
      batchId: batch.id,
      merchantId: i.merchantId,
      merchantAppId: i.merchantAppId,
      authAppId: i.authAppId,
      merchantName: i.merchantName,
      idempotencyKey: itemKey(batch.id, i.authAppId),
      steps: JSON.stringify(input.steps),
      step: input.steps[0],
      state: i.skipReason ? 'skipped' : 'pending',
      message: i.skipReason ?? null,
      messageParams: i.skipReason ? (i.skipParams ?? null) : null,
      finishedAt: i.skipReason ? now : null,
    }));
    for (let i = 0; i < rows.length; i += 200) tx.insert(batchItems).values(rows.slice(i, i + 200)).run();
    return batch;
  });
}

export function findBatch(db: Db, id: number): Batch | undefined {
  return prepared(db, 'batches.find', (d) => d.select().from(batches).where(eq(batches.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function listBatches(db: Db, limit = 50): Batch[] {
  return db.select().from(batches).orderBy(desc(batches.id)).limit(limit).all();
}

export function findItem(db: Db, id: number): BatchItem | undefined {
  return prepared(db, 'batchItems.find', (d) => d.select().from(batchItems).where(eq(batchItems.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function listItems(db: Db, batchId: number): BatchItem[] {
  return db.select().from(batchItems).where(eq(batchItems.batchId, batchId)).orderBy(asc(batchItems.id)).all();
}

export type ItemPatch = Partial<Omit<BatchItem, 'id' | 'batchId' | 'createdAt'>>;

/** Writes the patch (and updatedAt) and returns the row. One prepared query per set of columns: the worker's hot path. */
export function updateItem(db: Db, id: number, patch: ItemPatch): BatchItem {
  // A new message without parameters (the platform's text, a cleared one) must not keep the previous key's.
  const full: ItemPatch = { ...patch, ...(patch.message !== undefined && patch.messageParams === undefined ? { messageParams: null } : {}), updatedAt: new Date() };
  const keys = (Object.keys(full) as (keyof ItemPatch)[]).filter((k) => full[k] !== undefined).sort();
  const query = prepared(db, `batchItems.update:${keys.join(',')}`, (d) =>
    d
      .update(batchItems)
      .set(Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(k)}`])))
      .where(eq(batchItems.id, sql.placeholder('id')))
      .returning()
      .prepare(),
  );
  // Placeholders are bound as given: encode each value the way its column would (dates, booleans).
  const params: Record<string, unknown> = { id };
  for (const k of keys) params[k] = full[k] === null ? null : batchItems[k].mapToDriverValue(full[k] as never);
  return query.get(params)!;
}

/** Unfinished items of running batches that the worker has not scheduled yet (all of them when `all`). */
export function itemsToSchedule(db: Db, opts: { all: boolean; limit: number }): Pick<BatchItem, 'id' | 'batchId' | 'idempotencyKey'>[] {
  return db
    .select({ id: batchItems.id, batchId: batchItems.batchId, idempotencyKey: batchItems.idempotencyKey })
    .from(batchItems)
    .innerJoin(batches, eq(batches.id, batchItems.batchId))
    .where(and(inArray(batchItems.state, ACTIVE_ITEM_STATES), eq(batches.status, 'running'), opts.all ? undefined : isNull(batchItems.enqueuedAt)))
    .orderBy(asc(batchItems.id))
    .limit(opts.limit)
    .all();
}

export function markEnqueued(db: Db, ids: number[], at: Date): void {
  for (let i = 0; i < ids.length; i += 500) db.update(batchItems).set({ enqueuedAt: at }).where(inArray(batchItems.id, ids.slice(i, i + 500))).run();
}

export type StateCounts = Record<ItemState, number>;

export function countStates(db: Db, batchId: number): StateCounts {
  const counts: StateCounts = { pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
  prepared(db, 'batchItems.countStates', (d) =>
    d
      .select({ state: batchItems.state, n: sql<number>`count(*)` })
      .from(batchItems)
      .where(eq(batchItems.batchId, sql.placeholder('batchId')))
      .groupBy(batchItems.state)
      .prepare(),
  )
    .all({ batchId })
    .forEach((r) => (counts[r.state] = Number(r.n)));
  return counts;
}

/**
 * Stores the counts and, when nothing is left to do, closes the batch. Returns the batch when this call closed it
 * (exactly one caller does: the update is conditional on the status it changes).
 */
export function refreshBatch(db: Db, batchId: number): Batch | undefined {
  return db.transaction((tx) => {
    // One connection: the outer handle reads inside this transaction too, and keeps its prepared query.
    const c = countStates(db, batchId);
    const now = new Date();
    const counts = { succeeded: c.succeeded, failed: c.failed, skipped: c.skipped, cancelled: c.cancelled, updatedAt: now };
    const done = c.pending + c.running === 0;
    if (!done) {
      tx.update(batches).set(counts).where(eq(batches.id, batchId)).run();
      return undefined;
    }
    const closed = tx
      .update(batches)
      .set({ ...counts, status: 'finished', finishedAt: now })
      .where(and(eq(batches.id, batchId), eq(batches.status, 'running')))
      .returning()
      .get();
    if (!closed) tx.update(batches).set(counts).where(eq(batches.id, batchId)).run();
    return closed;
  });
}

/** Cancels what has not started; running items stop at their next step. */
export function cancelRemaining(db: Db, batchId: number): number {
  return db.transaction((tx) => {
    const now = new Date();
    const n = tx
      .update(batchItems)
      .set({ state: 'cancelled', finishedAt: now, updatedAt: now })
      .where(and(eq(batchItems.batchId, batchId), eq(batchItems.state, 'pending')))
      .run().changes;
    tx.update(batches).set({ status: 'cancelled', updatedAt: now }).where(and(eq(batches.id, batchId), eq(batches.status, 'running'))).run();
    return n;
  });
}

/** Puts failed items back to pending for the worker to pick up; refuses when a mini-program is busy elsewhere. */
export function retryFailedItems(db: Db, batchId: number): number {
  return db.transaction((tx) => {
    const failed = tx
      .select()
      .from(batchItems)
      .where(and(eq(batchItems.batchId, batchId), eq(batchItems.state, 'failed')))
      .all();
    if (!failed.length) return 0;
    const planId = tx.select({ planId: batches.planId }).from(batches).where(eq(batches.id, batchId)).get()?.planId;
    const busy = busyApps(
      tx as unknown as Db,
      failed.map((f) => f.authAppId),
      { exceptPlanId: planId },
    );
    if (busy.length) throw new MerchantBusyError(busy);
    const now = new Date();
    // A failed build cannot be built again: that merchant starts over with a new upload (and version number).
    tx.update(batchItems)
      .set({ step: 'upload', appVersion: null, callOutstanding: false })
      .where(and(eq(batchItems.batchId, batchId), eq(batchItems.state, 'failed'), eq(batchItems.step, 'build')))
      .run();
    tx.update(batchItems)
      // `attempts` keeps counting the item's calls; the retry gets fresh tries and its own running time.
      .set({ state: 'pending', stepAttempts: 0, enqueuedAt: null, startedAt: null, finishedAt: null, subCode: null, message: null, messageParams: null, updatedAt: now })
      .where(and(eq(batchItems.batchId, batchId), eq(batchItems.state, 'failed')))
      .run();
    tx.update(batches).set({ status: 'running', finishedAt: null, updatedAt: now }).where(eq(batches.id, batchId)).run();
    return failed.length;
  });
}

/** How many instantiate batches each template was used in, by template id. */
export function countInstantiateBatchesByTemplate(db: Db): Map<string, number> {
  const used = db
    .select({ templateId: sql<string>`json_extract(${batches.params}, '$.templateId')`, n: sql<number>`count(*)` })
    .from(batches)
    .where(sql`${batches.operation} = 'instantiate'`)
    .groupBy(sql`1`)
    .all();
  return new Map(used.filter((u) => u.templateId).map((u) => [u.templateId, Number(u.n)]));
}

export interface OperableAppRow {
  merchantAppId: number;
  authAppId: string;
  appName: string | null;
  merchantName: string;
}

/** Authorized mini-programs of merchants not archived: what a batch can be run on. */
export function listOperableApps(db: Db): OperableAppRow[] {
  return db
    .select({ merchantAppId: merchantApps.id, authAppId: merchantApps.authAppId, appName: merchantApps.appName, merchantName: merchants.name })
    .from(merchantApps)
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(and(eq(merchantApps.status, 'authorized'), isNull(merchants.archivedAt)))
    .orderBy(asc(merchants.name))
    .all();
}
