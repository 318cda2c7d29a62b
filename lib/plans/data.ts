// Reads and writes of release plans, their waves and members. No auth, no platform calls.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  batches,
  batchItems,
  releasePlanMembers,
  releasePlans,
  releasePlanWaves,
  type Batch,
  type BatchItem,
  type BatchStatus,
  type NewReleasePlan,
  type ReleasePlan,
  type ReleasePlanMember,
  type ReleasePlanWave,
} from '@/db/schema';
import { busyApps, MerchantBusyError, refreshBatch, updateItem, type ItemPatch } from '@/lib/batches/data';

export function findPlan(db: Db, id: number): ReleasePlan | undefined {
  return db.select().from(releasePlans).where(eq(releasePlans.id, id)).get();
}

export function listPlans(db: Db, limit = 100): ReleasePlan[] {
  return db.select().from(releasePlans).orderBy(desc(releasePlans.id)).limit(limit).all();
}

export function runningPlanIds(db: Db): number[] {
  return db
    .select({ id: releasePlans.id })
    .from(releasePlans)
    .where(eq(releasePlans.status, 'running'))
    .all()
    .map((r) => r.id);
}

export function listWaves(db: Db, planId: number): ReleasePlanWave[] {
  return db.select().from(releasePlanWaves).where(eq(releasePlanWaves.planId, planId)).orderBy(asc(releasePlanWaves.idx)).all();
}

export function listMembers(db: Db, planId: number): ReleasePlanMember[] {
  return db.select().from(releasePlanMembers).where(eq(releasePlanMembers.planId, planId)).orderBy(asc(releasePlanMembers.waveIdx), asc(releasePlanMembers.id)).all();
}

export function findMember(db: Db, planId: number, memberId: number): ReleasePlanMember | undefined {
  return db
    .select()
    .from(releasePlanMembers)
    .where(and(eq(releasePlanMembers.planId, planId), eq(releasePlanMembers.id, memberId)))
    .get();
}

/** The plan's wave batches. */
export function planBatches(db: Db, planId: number): Batch[] {
  return db.select().from(batches).where(eq(batches.planId, planId)).orderBy(asc(batches.id)).all();
}

/** Every item of the plan's wave batches, by mini-program (a member has one item: its wave's). */
export function planItems(db: Db, planId: number): Map<string, BatchItem> {
  const ids = planBatches(db, planId).map((b) => b.id);
  if (!ids.length) return new Map();
  const rows = db.select().from(batchItems).where(inArray(batchItems.batchId, ids)).orderBy(asc(batchItems.id)).all();
  return new Map(rows.map((r) => [r.authAppId, r]));
}

export function waveItems(db: Db, batchId: number): BatchItem[] {
  return db.select().from(batchItems).where(eq(batchItems.batchId, batchId)).all();
}

/** The list page: each plan with its number of waves and merchants. */
export function listPlanSummaries(db: Db, limit = 100): { plan: ReleasePlan; waves: number; members: number }[] {
  const plans = listPlans(db, limit);
  if (!plans.length) return [];
  const ids = plans.map((p) => p.id);
  const waves = new Map(
    db
      .select({ planId: releasePlanWaves.planId, n: sql<number>`count(*)` })
      .from(releasePlanWaves)
      .where(inArray(releasePlanWaves.planId, ids))
      .groupBy(releasePlanWaves.planId)
      .all()
      .map((r) => [r.planId, Number(r.n)]),
  );
  const members = new Map(
    db
      .select({ planId: releasePlanMembers.planId, n: sql<number>`count(*)` })
      .from(releasePlanMembers)
      .where(inArray(releasePlanMembers.planId, ids))
      .groupBy(releasePlanMembers.planId)
      .all()
      .map((r) => [r.planId, Number(r.n)]),
  );
  return plans.map((plan) => ({ plan, waves: waves.get(plan.id) ?? 0, members: members.get(plan.id) ?? 0 }));
}

// --- the plan's decisions: each a conditional update, so the worker's sweep and a person's click make it once

type PlanMemberInput = Pick<ReleasePlanMember, 'merchantId' | 'merchantAppId' | 'authAppId' | 'merchantName'>;

/**
 * Writes a plan, its waves and members in one transaction; throws MerchantBusyError when one of `authAppIds` was put
 * in a batch meanwhile.
 */
export function insertPlan(db: Db, values: NewReleasePlan, waves: { percent: number | null; members: PlanMemberInput[] }[], authAppIds: string[]): ReleasePlan {
  return db.transaction(() => {
    const nowBusy = busyApps(db, authAppIds);
    if (nowBusy.length) throw new MerchantBusyError(nowBusy);
    const plan = db.insert(releasePlans).values(values).returning().get();
    for (const [idx, w] of waves.entries()) {
      db.insert(releasePlanWaves).values({ planId: plan.id, idx, percent: w.percent, size: w.members.length }).run();
      const rows = w.members.map((m) => ({ planId: plan.id, waveIdx: idx, ...m }));
      for (let i = 0; i < rows.length; i += 200) db.insert(releasePlanMembers).values(rows.slice(i, i + 200)).run();
    }
    return plan;
  });
}

/** Marks a waiting wave running; false when it was not waiting (someone else started it). */
export function claimWave(db: Db, waveId: number, now: Date): boolean {
  return (
    db
      .update(releasePlanWaves)
      .set({ status: 'running', startedAt: now })
      .where(and(eq(releasePlanWaves.id, waveId), eq(releasePlanWaves.status, 'waiting')))
      .run().changes > 0
  );
}

export function setWaveBatch(db: Db, waveId: number, batchId: number): void {
  db.update(releasePlanWaves).set({ batchId }).where(eq(releasePlanWaves.id, waveId)).run();
}

function pauseBatches(db: Db, planId: number): void {
  db.update(batches)
    .set({ status: 'paused', updatedAt: new Date() })
    .where(and(eq(batches.planId, planId), eq(batches.status, 'running')))
    .run();
}

type PauseText = Pick<ReleasePlan, 'pauseReason' | 'pauseParams'>;

/**
 * Records a running wave's gate decision; with `pause` (a held wave) the running plan and its batches pause too.
 * False when the wave was no longer running.
 */
export function recordWaveDecision(
  db: Db,
  d: { planId: number; waveId: number; status: ReleasePlanWave['status']; gate: string; now: Date },
  pause: PauseText | null,
): boolean {
  return db.transaction(() => {
    const changed = db
      .update(releasePlanWaves)
      .set({ status: d.status, gate: d.gate, decidedAt: d.now })
      .where(and(eq(releasePlanWaves.id, d.waveId), eq(releasePlanWaves.status, 'running')))
      .run().changes;
    if (!changed || !pause) return changed > 0;
    db.update(releasePlans)
      .set({ status: 'paused', ...pause, updatedAt: d.now })
      .where(and(eq(releasePlans.id, d.planId), eq(releasePlans.status, 'running')))
      .run();
    pauseBatches(db, d.planId);
    return true;
  });
}

/** Closes a running plan as finished; returns it, or undefined when it was not running. */
export function finishPlan(db: Db, planId: number, now: Date): ReleasePlan | undefined {
  return db
    .update(releasePlans)
    .set({ status: 'finished', finishedAt: now, updatedAt: now, pauseReason: null, pauseParams: null })
    .where(and(eq(releasePlans.id, planId), eq(releasePlans.status, 'running')))
    .returning()
    .get();
}

/** Pauses a running plan and its batches; false (nothing written) when it was not running. */
export function pausePlanRows(db: Db, planId: number, pause: PauseText, now: Date): boolean {
  return db.transaction(() => {
    const changed = db
      .update(releasePlans)
      .set({ status: 'paused', ...pause, updatedAt: now })
      .where(and(eq(releasePlans.id, planId), eq(releasePlans.status, 'running')))
      .run().changes;
    if (changed) pauseBatches(db, planId);
    return changed > 0;
  });
}

/**
 * Runs a paused plan again: its held waves are recorded as overridden by `by`, its paused batches run. Returns those
 * batches, or null (nothing written) when the plan was not paused.
 */
export function reopenPlan(db: Db, planId: number, by: string, now: Date): { id: number }[] | null {
  return db.transaction(() => {
    const changed = db
      .update(releasePlans)
      .set({ status: 'running', pauseReason: null, pauseParams: null, updatedAt: now })
      .where(and(eq(releasePlans.id, planId), eq(releasePlans.status, 'paused')))
      .run().changes;
    if (!changed) return null;
    db.update(releasePlanWaves)
      .set({ status: 'overridden', overriddenBy: by })
      .where(and(eq(releasePlanWaves.planId, planId), eq(releasePlanWaves.status, 'held')))
      .run();
    return db
      .update(batches)
      .set({ status: 'running', updatedAt: now })
      .where(and(eq(batches.planId, planId), eq(batches.status, 'paused')))
      .returning({ id: batches.id })
      .all();
  });
}

/** Marks a member skipped by `by`, and cancels its item when given. */
export function skipMemberRows(db: Db, memberId: number, by: string, now: Date, cancel: { itemId: number; patch: ItemPatch } | null): void {
  db.transaction(() => {
    db.update(releasePlanMembers).set({ skippedAt: now, skippedBy: by }).where(eq(releasePlanMembers.id, memberId)).run();
    if (cancel) updateItem(db, cancel.itemId, cancel.patch);
  });
}

/**
 * Aborts a running or paused plan: its open waves, its open batches and their unfinished items stop (items with
 * `itemText`). False (nothing written) when the plan was already closed.
 */
export function abortPlanRows(db: Db, planId: number, now: Date, pause: PauseText, itemText: Pick<BatchItem, 'message' | 'messageParams'>): boolean {
  return db.transaction(() => {
    const changed = db
      .update(releasePlans)
      .set({ status: 'aborted', ...pause, finishedAt: now, updatedAt: now })
      .where(and(eq(releasePlans.id, planId), inArray(releasePlans.status, ['running', 'paused'])))
      .run().changes;
    if (!changed) return false;
    db.update(releasePlanWaves)
      .set({ status: 'aborted' })
      .where(and(eq(releasePlanWaves.planId, planId), inArray(releasePlanWaves.status, ['waiting', 'running', 'held'])))
      .run();
    const open = planBatches(db, planId).filter((b) => b.status === 'running' || b.status === 'paused');
    for (const b of open) {
      db.update(batches).set({ status: 'cancelled', updatedAt: now }).where(eq(batches.id, b.id)).run();
      // Parked items of a paused batch have no job to cancel them: they stop here, where they stood.
      db.update(batchItems)
        .set({ state: 'cancelled', finishedAt: now, updatedAt: now, ...itemText })
        .where(and(eq(batchItems.batchId, b.id), inArray(batchItems.state, ['pending', 'running'])))
        .run();
      refreshBatch(db, b.id);
    }
    return true;
  });
}

/** Puts a failed item back to its submission step; its batch works again and a finished plan is open again. */
export function requeueItem(db: Db, r: { itemId: number; batchId: number; planId: number; batchStatus: BatchStatus; now: Date }): void {
  db.transaction(() => {
    updateItem(db, r.itemId, { step: 'submit', state: 'pending', stepAttempts: 0, callOutstanding: false, enqueuedAt: null, finishedAt: null, subCode: null, message: null });
    db.update(batches).set({ status: r.batchStatus, finishedAt: null, updatedAt: r.now }).where(eq(batches.id, r.batchId)).run();
    db.update(releasePlans)
      .set({ status: 'running', finishedAt: null, updatedAt: r.now })
      .where(and(eq(releasePlans.id, r.planId), eq(releasePlans.status, 'finished')))
      .run();
  });
}

/**
 * Items of release waves waiting for an audit decision that the console's record now has (an audit message or
 * reconciliation wrote it): the worker runs them at once instead of at their next poll, so each merchant goes on as
 * soon as its own decision arrives, and the polls (a safety net) can be rare.
 */
export function auditsDecided(db: Db): string[] {
  return db
    .all<{ key: string }>(
      sql`SELECT bi.idempotency_key AS key FROM batch_items bi
            JOIN mini_app_versions v ON v.merchant_app_id = bi.merchant_app_id AND v.app_version = bi.app_version AND v.deleted_at IS NULL
           WHERE bi.step = 'awaitAudit' AND bi.state = 'running' AND v.status IS NOT NULL AND v.status <> 'AUDITING'
           LIMIT 1000`,
    )
    .map((r) => r.key);
}
