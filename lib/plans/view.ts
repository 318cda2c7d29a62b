// Plain data for the plan pages (server → client components): waves with their gates, each merchant's current stage
// and history, counts per stage and the time merchants spent in each stage (from the version history the one
// lifecycle writes, so it agrees with the Versions tab).
import type { Db } from '@/db';
import type { BatchItem, ReleasePlan, ReleasePlanMember, VersionEvent } from '@/db/schema';
import type { InstantiateParams } from '@/lib/validation/batches';
import { listEventsOfVersions, listVersionKeys } from '@/lib/versions/data';
import { findPlan, listMembers, listWaves, planItems } from './data';
import { AUDIT_REJECTED } from './service';
import type { GateDecision } from './shape';
import { SPANS, STAGES, type Span, type Stage, type StageCounts } from './stages';

export { SPANS, STAGES, type Span, type Stage, type StageCounts } from './stages';

export function stageOf(member: Pick<ReleasePlanMember, 'skippedAt'>, item: BatchItem | undefined, grayed: boolean): Stage {
  if (member.skippedAt) return 'skipped';
  if (!item) return 'waiting';
  switch (item.state) {
    case 'succeeded':
      return 'online';
    case 'failed':
      return item.subCode === AUDIT_REJECTED ? 'rejected' : 'failed';
    case 'skipped':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      break;
  }
  switch (item.step) {
    case 'upload':
      return item.attempts === 0 ? 'waiting' : 'uploading';
    case 'build':
      return 'uploading';
    case 'submit':
      return 'uploaded';
    case 'awaitAudit':
      return 'inAudit';
    case 'hold':
      return 'gray';
    case 'online':
      return grayed ? 'gray' : 'passed';
    default:
      return 'passed';
  }
}

const emptyCounts = (): StageCounts => Object.fromEntries(STAGES.map((s) => [s, 0])) as StageCounts;

function spanOf(events: VersionEvent[]): Partial<Record<Span, number>> {
  const first = (kind: VersionEvent['kind']) => events.find((e) => e.kind === kind)?.at.getTime();
  const lastOf = (...kinds: VersionEvent['kind'][]) => events.filter((e) => kinds.includes(e.kind)).at(-1)?.at.getTime();
  const uploaded = first('uploaded');
  // Upload to the first submission; the audit span is the last round's (a resubmission after a fix).
  const firstSubmitted = first('submitted');
  const submitted = lastOf('submitted');
  const decided = lastOf('passed', 'rejected');
  const gray = first('grayStarted');
  const online = first('online');
  const out: Partial<Record<Span, number>> = {};
  if (uploaded && firstSubmitted) out.build = firstSubmitted - uploaded;
  if (submitted && decided && decided >= submitted) out.audit = decided - submitted;
  if (decided && gray && gray >= decided) out.toGray = gray - decided;
  if (gray && online) out.gray = online - gray;
  return out;
}

export interface MemberEventView {
  kind: string;
  at: number;
  source: string;
  reason: string | null;
}

export function planRow(p: ReleasePlan) {
  const params = JSON.parse(p.params) as Partial<InstantiateParams>;
  return {
    id: p.id,
    name: p.name,
    templateId: p.templateId,
    templateVersion: p.templateVersion,
    status: p.status,
    pauseReason: p.pauseReason,
    pauseParams: p.pauseParams,
    gateMinOnline: p.gateMinOnline,
    gateMaxFailed: p.gateMaxFailed,
    grayStrategy: params.release?.grayStrategy ?? null,
    holdSeconds: params.release?.holdSeconds ?? 0,
    createdByEmail: p.createdByEmail,
    createdAt: p.createdAt.getTime(),
    finishedAt: p.finishedAt?.getTime() ?? null,
  };
}
export type PlanRowView = ReturnType<typeof planRow>;

export function planDetail(db: Db, planId: number, now = Date.now()) {
  const plan = findPlan(db, planId);
  if (!plan) return undefined;
  const row = planRow(plan);
  const grayed = row.grayStrategy !== null;
  const waves = listWaves(db, planId);
  const members = listMembers(db, planId);
  const items = planItems(db, planId);

  // Each member's version history (its item's version), read in chunks.
  const appIds = [...new Set(members.flatMap((m) => (m.merchantAppId ? [m.merchantAppId] : [])))];
  const versions = new Map<string, number>();
  for (const v of listVersionKeys(db, appIds)) versions.set(`${v.merchantAppId}:${v.appVersion}`, v.id);
  const wanted = members.flatMap((m) => {
    const item = items.get(m.authAppId);
    const id = item?.appVersion && m.merchantAppId ? versions.get(`${m.merchantAppId}:${item.appVersion}`) : undefined;
    return id ? [id] : [];
  });
  const eventsByVersion = new Map<number, VersionEvent[]>();
  for (const e of listEventsOfVersions(db, wanted)) {
    const list = eventsByVersion.get(e.versionId) ?? [];
    list.push(e);
    eventsByVersion.set(e.versionId, list);
  }

  const totals = emptyCounts();
  const waveCounts = waves.map(() => emptyCounts());
  const spanSums = waves.map(() => Object.fromEntries(SPANS.map((s) => [s, { sum: 0, n: 0 }])) as Record<Span, { sum: number; n: number }>);
  const memberRows = members.map((m) => {
    const item = items.get(m.authAppId);
    const stage = stageOf(m, item, grayed);
    totals[stage]++;
    waveCounts[m.waveIdx][stage]++;
    const versionId = item?.appVersion && m.merchantAppId ? versions.get(`${m.merchantAppId}:${item.appVersion}`) : undefined;
    const events = (versionId ? (eventsByVersion.get(versionId) ?? []) : []).sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id);
    const spans = spanOf(events);
    for (const s of SPANS) {
      if (spans[s] === undefined) continue;
      spanSums[m.waveIdx][s].sum += spans[s];
      spanSums[m.waveIdx][s].n++;
    }
    return {
      id: m.id,
      waveIdx: m.waveIdx,
      merchantId: m.merchantId,
      merchantAppId: m.merchantAppId,
      merchantName: m.merchantName,
      authAppId: m.authAppId,
      stage,
      step: item?.step ?? null,
      itemState: item?.state ?? null,
      appVersion: item?.appVersion ?? null,
      subCode: item?.subCode ?? null,
      message: item?.message ?? null,
      messageParams: item?.messageParams ?? null,
      batchId: item?.batchId ?? null,
      skippedBy: m.skippedBy,
      /** Since when the merchant is where it is (its item's last change). */
      since: item?.updatedAt?.getTime() ?? item?.createdAt.getTime() ?? null,
      spans,
      history: events.map((e): MemberEventView => ({ kind: e.kind, at: e.at.getTime(), source: e.source, reason: e.reason })),
    };
  });

  return {
    plan: row,
    now,
    totals,
    waves: waves.map((w, i) => ({
      idx: w.idx,
      percent: w.percent,
      size: w.size,
      status: w.status,
      batchId: w.batchId,
      gate: w.gate ? (JSON.parse(w.gate) as GateDecision) : null,
      startedAt: w.startedAt?.getTime() ?? null,
      decidedAt: w.decidedAt?.getTime() ?? null,
      overriddenBy: w.overriddenBy,
      counts: waveCounts[i],
      /** Average time per span over the wave's merchants that went through it (ms), or null. */
      spans: Object.fromEntries(SPANS.map((s) => [s, spanSums[i][s].n ? Math.round(spanSums[i][s].sum / spanSums[i][s].n) : null])) as Record<Span, number | null>,
    })),
    members: memberRows,
    onlineMerchantAppIds: memberRows.filter((m) => m.stage === 'online' && m.merchantAppId).map((m) => m.merchantAppId!),
  };
}
export type PlanDetailView = NonNullable<ReturnType<typeof planDetail>>;
export type PlanMemberView = PlanDetailView['members'][number];
export type PlanWaveView = PlanDetailView['waves'][number];
