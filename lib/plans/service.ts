// Release plans: a template version rolled out in waves. Each wave is one batch of the batch engine whose chain is
// instantiate → submit for audit → wait for the decision → gray → hold → online (lib/batches/operations `release`),
// so each merchant goes on alone, under the worker's concurrency and rate limits, through the one version lifecycle.
// This module only decides between waves: it starts a wave, judges its gate once the wave's batch has settled, and
// pauses, resumes, skips or aborts. Every decision is a conditional update of the plan's rows, so the worker's sweep
// and a person's click can both call `advancePlan` at any time (after a kill -9 too) and it happens once.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { batches, batchItems, releasePlanMembers, releasePlans, releasePlanWaves, type ReleasePlan, type ReleasePlanWave } from '@/db/schema';
import { busyApps, findBatch, insertBatch, MerchantBusyError, refreshBatch, updateItem, type NewItemInput } from '@/lib/batches/data';
import { parseParams, stepsOf } from '@/lib/batches/operations';
import { preflight, type PreflightRow } from '@/lib/batches/preflight';
import { preflightContext, resolveParams, skipReasonText, type Actor } from '@/lib/batches/service';
import { itemMessage, type ItemText } from '@/lib/batches/steps';

/** A plan's pause reason as stored: the catalog key and its parameters. */
const pauseText = (r: ItemText) => ({ pauseReason: r.message, pauseParams: r.messageParams });
import { loadSubjects } from '@/lib/batches/subjects';
import type { InstantiateParams } from '@/lib/validation/batches';
import { findPlan, listMembers, listWaves, planBatches, planItems, waveItems } from './data';
import { postPlanFinished, postPlanPaused } from './inbox';
import type { PlanValues } from './input';
import { decideGate, splitWaves, type GateDecision, type WaveCounts } from './shape';

/** The sub_code a wave's merchant fails with when the reviewer rejects it (lib/batches/steps awaitAudit). */
export const AUDIT_REJECTED = 'AUDIT_REJECTED';

export type CreatePlanOutcome =
  | { ok: true; plan: ReleasePlan }
  | { ok: false; error: 'invalidParams'; issues: { path: string; message: string }[] }
  | { ok: false; error: 'invalidTemplate'; detail: string }
  | { ok: false; error: 'unknownApps'; ids: number[] }
  | { ok: false; error: 'busy'; apps: string[] }
  | { ok: false; error: 'preflight'; rows: PreflightRow[] };

function instantiateParams(v: Pick<PlanValues, 'templateId' | 'templateVersion' | 'ext' | 'audit' | 'grayStrategy' | 'holdSeconds'>) {
  return { templateId: v.templateId, templateVersion: v.templateVersion, ext: v.ext, audit: v.audit, release: { grayStrategy: v.grayStrategy, holdSeconds: v.holdSeconds } };
}

/**
 * Checks everything a wave would check, for every merchant now (a merchant the pre-flight would skip is refused
 * here, with its reason, rather than counted against a gate later), then writes the plan, its waves and members in
 * one transaction. Nothing is sent to the platform; the worker starts the first wave.
 */
export function createPlan(db: Db, actor: Actor, v: PlanValues): CreatePlanOutcome {
  const parsed = parseParams('instantiate', instantiateParams(v));
  if (!parsed.ok) return { ok: false, error: 'invalidParams', issues: parsed.issues };
  const ordered = v.waves.kind === 'lists' ? v.waves.lists.flat() : v.merchantAppIds;
  const subjects = loadSubjects(db, ordered);
  const byId = new Map(subjects.map((s) => [s.merchantAppId, s]));
  const unknown = ordered.filter((id) => !byId.has(id));
  if (unknown.length) return { ok: false, error: 'unknownApps', ids: unknown };
  const busy = subjects.filter((s) => s.busy).map((s) => s.authAppId);
  if (busy.length) return { ok: false, error: 'busy', apps: busy };
  const params = resolveParams(db, parsed.value, subjects).params as InstantiateParams;
  const checked = preflight('instantiate', params, subjects, preflightContext(params));
  if (!checked.ok) return { ok: false, error: 'invalidTemplate', detail: 'variable' in checked.error ? checked.error.variable : checked.error.code };
  const skipped = checked.rows.filter((r) => r.skip);
  if (skipped.length) return { ok: false, error: 'preflight', rows: skipped };

  const waves = splitWaves(ordered, v.waves);
  try {
    const plan = db.transaction(() => {
      const nowBusy = busyApps(
        db,
        subjects.map((s) => s.authAppId),
      );
      if (nowBusy.length) throw new MerchantBusyError(nowBusy);
      const plan = db
        .insert(releasePlans)
        .values({
          name: v.name,
          templateId: v.templateId,
          templateVersion: params.templateVersion,
          params: JSON.stringify(params),
          gateMinOnline: v.gate.minOnline,
          gateMaxFailed: v.gate.maxFailed,
          createdById: actor.id,
          createdByEmail: actor.email,
        })
        .returning()
        .get();
      for (const [idx, w] of waves.entries()) {
        db.insert(releasePlanWaves).values({ planId: plan.id, idx, percent: w.percent, size: w.merchantAppIds.length }).run();
        const rows = w.merchantAppIds.map((id) => {
          const s = byId.get(id)!;
          return { planId: plan.id, waveIdx: idx, merchantId: s.merchantId, merchantAppId: id, authAppId: s.authAppId, merchantName: s.merchantName };
        });
        for (let i = 0; i < rows.length; i += 200) db.insert(releasePlanMembers).values(rows.slice(i, i + 200)).run();
      }
      return plan;
    });
    return { ok: true, plan };
  } catch (e) {
    if (e instanceof MerchantBusyError) return { ok: false, error: 'busy', apps: e.authAppIds };
    throw e;
  }
}

function planParams(plan: ReleasePlan): { params: InstantiateParams } {
  const parsed = parseParams('instantiate', JSON.parse(plan.params));
  if (!parsed.ok || parsed.value.operation !== 'instantiate') throw new Error(`release plan #${plan.id} has invalid parameters`);
  return { params: parsed.value.params };
}

/** Starts a wave: its merchants (not skipped) checked by the pre-flight and written as one batch of the plan. */
function startWave(db: Db, plan: ReleasePlan, wave: ReleasePlanWave, now: Date): void {
  db.transaction(() => {
    const claimed = db
      .update(releasePlanWaves)
      .set({ status: 'running', startedAt: now })
      .where(and(eq(releasePlanWaves.id, wave.id), eq(releasePlanWaves.status, 'waiting')))
      .run().changes;
    if (!claimed) return;
    const members = listMembers(db, plan.id).filter((m) => m.waveIdx === wave.idx && !m.skippedAt);
    if (!members.length) return;
    const parsed = planParams(plan);
    const subjects = loadSubjects(
      db,
      members.flatMap((m) => (m.merchantAppId ? [m.merchantAppId] : [])),
      { exceptPlanId: plan.id },
    );
    const checked = preflight('instantiate', parsed.params, subjects, preflightContext(parsed.params));
    const rows = new Map(checked.ok ? checked.rows.map((r) => [r.authAppId, r]) : []);
    const bySubject = new Map(subjects.map((s) => [s.authAppId, s]));
    const items = (extraSkips: Map<string, string>): NewItemInput[] =>
      members.map((m) => {
        const s = bySubject.get(m.authAppId);
        const row = rows.get(m.authAppId);
        const extra = extraSkips.get(m.authAppId);
        const skip = extra
          ? { skipReason: extra }
          : !s
            ? { skipReason: 'plans.engine.appGone' }
            : !checked.ok
              ? { skipReason: 'plans.engine.invalidTemplate' }
              : row?.skip
                ? skipReasonText(row.skip)
                : { skipReason: null };
        return { merchantId: m.merchantId, merchantAppId: m.merchantAppId, authAppId: m.authAppId, merchantName: m.merchantName, ...skip };
      });
    const insert = (extraSkips: Map<string, string>) =>
      insertBatch(db, {
        operation: 'instantiate',
        params: parsed.params,
        createdById: plan.createdById,
        createdByEmail: plan.createdByEmail,
        steps: stepsOf('instantiate', parsed.params),
        items: items(extraSkips),
        planId: plan.id,
      });
    let batch;
    try {
      batch = insert(new Map());
    } catch (e) {
      if (!(e instanceof MerchantBusyError)) throw e;
      // Put in a batch by other means since the plan was made (only possible past the console's own checks).
      batch = insert(new Map(e.authAppIds.map((a) => [a, 'plans.engine.busy'])));
    }
    db.update(releasePlanWaves).set({ batchId: batch.id }).where(eq(releasePlanWaves.id, wave.id)).run();
    // Everyone skipped by the pre-flight: the batch closes at once and the gate decides on the next pass.
    refreshBatch(db, batch.id);
  });
}

/** A wave's counts for its gate: staff-skipped merchants are left out; a merchant not online is rejected or failed. */
export function waveCounts(db: Db, planId: number, wave: ReleasePlanWave): WaveCounts {
  const members = listMembers(db, planId).filter((m) => m.waveIdx === wave.idx && !m.skippedAt);
  const items = new Map((wave.batchId ? waveItems(db, wave.batchId) : []).map((i) => [i.authAppId, i]));
  const counts: WaveCounts = { total: members.length, online: 0, rejected: 0, failed: 0 };
  for (const m of members) {
    const item = items.get(m.authAppId);
    if (item?.state === 'succeeded') counts.online++;
    else if (item?.state === 'failed' && item.subCode === AUDIT_REJECTED) counts.rejected++;
    else counts.failed++;
  }
  return counts;
}

function pauseBatches(db: Db, planId: number): void {
  db.update(batches)
    .set({ status: 'paused', updatedAt: new Date() })
    .where(and(eq(batches.planId, planId), eq(batches.status, 'running')))
    .run();
}

/** The wave's batch has settled: the gate decides (the last wave just closes the plan). */
function decideWave(db: Db, plan: ReleasePlan, wave: ReleasePlanWave, last: boolean, now: Date): void {
  const decision = decideGate(waveCounts(db, plan.id, wave), { minOnline: plan.gateMinOnline, maxFailed: plan.gateMaxFailed });
  const status = last ? 'done' : decision.passed ? 'passed' : 'held';
  const decided = db.transaction(() => {
    const changed = db
      .update(releasePlanWaves)
      .set({ status, gate: JSON.stringify(decision), decidedAt: now })
      .where(and(eq(releasePlanWaves.id, wave.id), eq(releasePlanWaves.status, 'running')))
      .run().changes;
    if (!changed || status !== 'held') return changed > 0;
    db.update(releasePlans)
      .set({ status: 'paused', ...pauseText(gateReason(wave, decision)), updatedAt: now })
      .where(and(eq(releasePlans.id, plan.id), eq(releasePlans.status, 'running')))
      .run();
    pauseBatches(db, plan.id);
    return true;
  });
  if (decided && status === 'held') postPlanPaused(db, plan, wave.idx, decision);
}

export function gateReason(wave: Pick<ReleasePlanWave, 'idx'>, d: GateDecision): ItemText {
  return itemMessage('plans.pause.gate', { wave: wave.idx + 1, online: d.onlinePercent, minOnline: d.minOnline, failed: d.failedPercent, maxFailed: d.maxFailed });
}

/** Closes a plan whose last wave is decided and none of whose batches still works (a resubmitted merchant may). */
function finishIfSettled(db: Db, plan: ReleasePlan, now: Date): void {
  if (planBatches(db, plan.id).some((b) => b.status === 'running' || b.status === 'paused')) return;
  const closed = db
    .update(releasePlans)
    .set({ status: 'finished', finishedAt: now, updatedAt: now, pauseReason: null, pauseParams: null })
    .where(and(eq(releasePlans.id, plan.id), eq(releasePlans.status, 'running')))
    .returning()
    .get();
  if (closed) postPlanFinished(db, closed, listWaves(db, plan.id));
}

/** Moves a running plan on as far as its rows allow now. Safe to call at any time, from any process. */
export function advancePlan(db: Db, planId: number, now = new Date()): void {
  for (let guard = 0; guard < 50; guard++) {
    const plan = findPlan(db, planId);
    if (!plan || plan.status !== 'running') return;
    const waves = listWaves(db, planId);
    const current = waves.findLast((w) => w.status !== 'waiting');
    if (!current) {
      startWave(db, plan, waves[0], now);
      continue;
    }
    const last = current.idx === waves.length - 1;
    if (current.status === 'running') {
      const batch = current.batchId ? findBatch(db, current.batchId) : undefined;
      if (batch && (batch.status === 'running' || batch.status === 'paused')) return;
      decideWave(db, plan, current, last, now);
      continue;
    }
    if ((current.status === 'passed' || current.status === 'overridden') && !last) {
      startWave(db, plan, waves[current.idx + 1], now);
      continue;
    }
    if (current.status === 'done' || last) finishIfSettled(db, plan, now);
    return;
  }
}

/** The worker's sweep: every running plan. */
export function advancePlans(db: Db, now = new Date()): void {
  const ids = db
    .select({ id: releasePlans.id })
    .from(releasePlans)
    .where(eq(releasePlans.status, 'running'))
    .all();
  for (const { id } of ids) advancePlan(db, id, now);
}

export class PlanStateError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = 'PlanStateError';
  }
}

/** Staff pause: no merchant takes its next step until resumed (a call already sent finishes). */
export function pausePlan(db: Db, actor: Actor, planId: number): void {
  db.transaction(() => {
    const changed = db
      .update(releasePlans)
      .set({ status: 'paused', ...pauseText(itemMessage('plans.pause.staff', { by: actor.email })), updatedAt: new Date() })
      .where(and(eq(releasePlans.id, planId), eq(releasePlans.status, 'running')))
      .run().changes;
    if (!changed) throw new PlanStateError('plans.errors.notRunning');
    pauseBatches(db, planId);
  });
}

/** Resume: merchants go on; past a failed gate, the next wave starts (recorded as overridden by this person). */
export function resumePlan(db: Db, actor: Actor, planId: number): void {
  const now = new Date();
  const reopened = db.transaction(() => {
    const changed = db
      .update(releasePlans)
      .set({ status: 'running', pauseReason: null, pauseParams: null, updatedAt: now })
      .where(and(eq(releasePlans.id, planId), eq(releasePlans.status, 'paused')))
      .run().changes;
    if (!changed) throw new PlanStateError('plans.errors.notPaused');
    db.update(releasePlanWaves)
      .set({ status: 'overridden', overriddenBy: actor.email })
      .where(and(eq(releasePlanWaves.planId, planId), eq(releasePlanWaves.status, 'held')))
      .run();
    return db
      .update(batches)
      .set({ status: 'running', updatedAt: now })
      .where(and(eq(batches.planId, planId), eq(batches.status, 'paused')))
      .returning({ id: batches.id })
      .all();
  });
  // A batch whose last merchant finished while paused closes now.
  for (const b of reopened) refreshBatch(db, b.id);
  advancePlan(db, planId, now);
}

function requireMember(db: Db, planId: number, memberId: number) {
  const plan = findPlan(db, planId);
  const member = plan && listMembers(db, planId).find((m) => m.id === memberId);
  if (!plan || !member) throw new PlanStateError('plans.errors.memberNotFound');
  return { plan, member };
}

/** Takes one merchant out of the plan: not started → never started; in progress → stops at its next step. */
export function skipMember(db: Db, actor: Actor, planId: number, memberId: number): void {
  const { plan, member } = requireMember(db, planId, memberId);
  if (plan.status === 'finished' || plan.status === 'aborted') throw new PlanStateError('plans.errors.closed');
  if (member.skippedAt) return;
  const now = new Date();
  const item = planItems(db, planId).get(member.authAppId);
  db.transaction(() => {
    db.update(releasePlanMembers).set({ skippedAt: now, skippedBy: actor.email }).where(eq(releasePlanMembers.id, member.id)).run();
    if (item && (item.state === 'pending' || item.state === 'running')) {
      updateItem(db, item.id, { state: 'cancelled', finishedAt: now, ...itemMessage('plans.engine.skipped', { by: actor.email }) });
    }
  });
  if (item) refreshBatch(db, item.batchId);
  advancePlan(db, planId, now);
}

/**
 * Abort: nothing more is started and every unfinished merchant stops; nothing is rolled back. Returns the
 * mini-programs already online by this plan, for the rollback batch staff may start (with its typed confirmation).
 */
export function abortPlan(db: Db, actor: Actor, planId: number): { onlineMerchantAppIds: number[] } {
  const now = new Date();
  db.transaction(() => {
    const changed = db
      .update(releasePlans)
      .set({ status: 'aborted', ...pauseText(itemMessage('plans.pause.aborted', { by: actor.email })), finishedAt: now, updatedAt: now })
      .where(and(eq(releasePlans.id, planId), inArray(releasePlans.status, ['running', 'paused'])))
      .run().changes;
    if (!changed) throw new PlanStateError('plans.errors.closed');
    db.update(releasePlanWaves)
      .set({ status: 'aborted' })
      .where(and(eq(releasePlanWaves.planId, planId), inArray(releasePlanWaves.status, ['waiting', 'running', 'held'])))
      .run();
    const open = planBatches(db, planId).filter((b) => b.status === 'running' || b.status === 'paused');
    for (const b of open) {
      db.update(batches).set({ status: 'cancelled', updatedAt: now }).where(eq(batches.id, b.id)).run();
      // Parked items of a paused batch have no job to cancel them: they stop here, where they stood.
      db.update(batchItems)
        .set({ state: 'cancelled', finishedAt: now, updatedAt: now, ...itemMessage('plans.engine.aborted', { by: actor.email }) })
        .where(and(eq(batchItems.batchId, b.id), inArray(batchItems.state, ['pending', 'running'])))
        .run();
      refreshBatch(db, b.id);
    }
  });
  return { onlineMerchantAppIds: onlineByPlan(db, planId) };
}

export function onlineByPlan(db: Db, planId: number): number[] {
  return [...planItems(db, planId).values()].filter((i) => i.state === 'succeeded' && i.merchantAppId !== null).map((i) => i.merchantAppId!);
}

/** A rejected (or failed at submission) merchant whose version went back to development: submitted again by its own item. */
export function requeueForSubmission(db: Db, planId: number, memberId: number): void {
  const { plan, member } = requireMember(db, planId, memberId);
  if (plan.status === 'aborted') throw new PlanStateError('plans.errors.closed');
  if (member.skippedAt) throw new PlanStateError('plans.errors.skipped');
  const item = planItems(db, planId).get(member.authAppId);
  if (!item || item.state !== 'failed' || (item.step !== 'awaitAudit' && item.step !== 'submit')) throw new PlanStateError('plans.errors.notRejected');
  const now = new Date();
  db.transaction(() => {
    updateItem(db, item.id, { step: 'submit', state: 'pending', stepAttempts: 0, callOutstanding: false, enqueuedAt: null, finishedAt: null, subCode: null, message: null });
    // Its wave's batch works again (paused with its plan if the plan is paused); a finished plan is open again.
    const batchStatus = plan.status === 'paused' ? 'paused' : 'running';
    db.update(batches).set({ status: batchStatus, finishedAt: null, updatedAt: now }).where(eq(batches.id, item.batchId)).run();
    db.update(releasePlans)
      .set({ status: 'running', finishedAt: null, updatedAt: now })
      .where(and(eq(releasePlans.id, planId), eq(releasePlans.status, 'finished')))
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
