// Reads and writes of release plans, their waves and members. No auth, no platform calls.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { batches, batchItems, releasePlanMembers, releasePlans, releasePlanWaves, type Batch, type BatchItem, type ReleasePlan, type ReleasePlanMember, type ReleasePlanWave } from '@/db/schema';

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
