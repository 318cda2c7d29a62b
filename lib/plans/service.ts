// Release plans: a template version rolled out in waves. Each wave is one batch of the batch engine whose chain is
// instantiate → submit for audit → wait for the decision → gray → hold → online (lib/batches/operations `release`),
// so each merchant goes on alone, under the worker's concurrency and rate limits, through the one version lifecycle.
// This module only decides between waves: it starts a wave, judges its gate once the wave's batch has settled, and
// pauses, resumes, skips or aborts. Every decision is a conditional update of the plan's rows, so the worker's sweep
// and a person's click can both call `advancePlan` at any time (after a kill -9 too) and it happens once.
import type { Db } from '@/db';
import type { ReleasePlan, ReleasePlanWave } from '@/db/schema';
import { findBatch, insertBatch, MerchantBusyError, refreshBatch, type NewItemInput } from '@/lib/batches/data';
import { parseParams, stepsOf } from '@/lib/batches/operations';
import { preflight, type PreflightRow } from '@/lib/batches/preflight';
import { preflightContext, resolveParams, skipReasonText, type Actor } from '@/lib/batches/service';
import { itemMessage, type ItemText } from '@/lib/batches/steps';

/** A plan's pause reason as stored: the catalog key and its parameters. */
const pauseText = (r: ItemText) => ({ pauseReason: r.message, pauseParams: r.messageParams });
import { loadSubjects } from '@/lib/batches/subjects';
import type { InstantiateParams } from '@/lib/validation/batches';
import {
  abortPlanRows,
  claimWave,
  findPlan,
  finishPlan,
  insertPlan,
  listMembers,
  listWaves,
  pausePlanRows,
  planBatches,
  planItems,
  recordWaveDecision,
  reopenPlan,
  requeueItem,
  runningPlanIds,
  setWaveBatch,
  skipMemberRows,
  waveItems,
} from './data';
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
    const plan = insertPlan(
      db,
      {
        name: v.name,
        templateId: v.templateId,
        templateVersion: params.templateVersion,
        params: JSON.stringify(params),
        gateMinOnline: v.gate.minOnline,
        gateMaxFailed: v.gate.maxFailed,
        createdById: actor.id,
        createdByEmail: actor.email,
      },
      waves.map((w) => ({
        percent: w.percent,
        members: w.merchantAppIds.map((id) => {
          const s = byId.get(id)!;
          return { merchantId: s.merchantId, merchantAppId: id, authAppId: s.authAppId, merchantName: s.merchantName };
        }),
      })),
      subjects.map((s) => s.authAppId),
    );
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
    if (!claimWave(db, wave.id, now)) return;
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
    setWaveBatch(db, wave.id, batch.id);
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

/** The wave's batch has settled: the gate decides (the last wave just closes the plan). */
function decideWave(db: Db, plan: ReleasePlan, wave: ReleasePlanWave, last: boolean, now: Date): void {
  const decision = decideGate(waveCounts(db, plan.id, wave), { minOnline: plan.gateMinOnline, maxFailed: plan.gateMaxFailed });
  const status = last ? 'done' : decision.passed ? 'passed' : 'held';
  const decided = recordWaveDecision(db, { planId: plan.id, waveId: wave.id, status, gate: JSON.stringify(decision), now }, status === 'held' ? pauseText(gateReason(wave, decision)) : null);
  if (decided && status === 'held') postPlanPaused(db, plan, wave.idx, decision);
}

export function gateReason(wave: Pick<ReleasePlanWave, 'idx'>, d: GateDecision): ItemText {
  return itemMessage('plans.pause.gate', { wave: wave.idx + 1, online: d.onlinePercent, minOnline: d.minOnline, failed: d.failedPercent, maxFailed: d.maxFailed });
}

/** Closes a plan whose last wave is decided and none of whose batches still works (a resubmitted merchant may). */
function finishIfSettled(db: Db, plan: ReleasePlan, now: Date): void {
  if (planBatches(db, plan.id).some((b) => b.status === 'running' || b.status === 'paused')) return;
  const closed = finishPlan(db, plan.id, now);
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
  for (const id of runningPlanIds(db)) advancePlan(db, id, now);
}

export class PlanStateError extends Error {
  constructor(readonly key: string) {
    super(key);
    this.name = 'PlanStateError';
  }
}

/** Staff pause: no merchant takes its next step until resumed (a call already sent finishes). */
export function pausePlan(db: Db, actor: Actor, planId: number): void {
  // Not running: nothing was written.
  if (!pausePlanRows(db, planId, pauseText(itemMessage('plans.pause.staff', { by: actor.email })), new Date())) throw new PlanStateError('plans.errors.notRunning');
}

/** Resume: merchants go on; past a failed gate, the next wave starts (recorded as overridden by this person). */
export function resumePlan(db: Db, actor: Actor, planId: number): void {
  const now = new Date();
  const reopened = reopenPlan(db, planId, actor.email, now);
  if (!reopened) throw new PlanStateError('plans.errors.notPaused');
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
  const cancel = item && (item.state === 'pending' || item.state === 'running') ? { itemId: item.id, patch: { state: 'cancelled' as const, finishedAt: now, ...itemMessage('plans.engine.skipped', { by: actor.email }) } } : null;
  skipMemberRows(db, member.id, actor.email, now, cancel);
  if (item) refreshBatch(db, item.batchId);
  advancePlan(db, planId, now);
}

/**
 * Abort: nothing more is started and every unfinished merchant stops; nothing is rolled back. Returns the
 * mini-programs already online by this plan, for the rollback batch staff may start (with its typed confirmation).
 */
export function abortPlan(db: Db, actor: Actor, planId: number): { onlineMerchantAppIds: number[] } {
  const now = new Date();
  const aborted = abortPlanRows(db, planId, now, pauseText(itemMessage('plans.pause.aborted', { by: actor.email })), itemMessage('plans.engine.aborted', { by: actor.email }));
  if (!aborted) throw new PlanStateError('plans.errors.closed');
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
  // Its wave's batch works again (paused with its plan if the plan is paused); a finished plan is open again.
  requeueItem(db, { itemId: item.id, batchId: item.batchId, planId, batchStatus: plan.status === 'paused' ? 'paused' : 'running', now });
}
