// The dashboard's reads: every figure is one aggregate query over indexed columns (db/schema indexes marked
// "dashboard"; the stage counts share one pass over the merchants), so the page costs the same at 10 merchants and
// at 10,000. Pages call these, never @/db.
import 'server-only';
import { and, count, desc, eq, gte, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { batches, merchantApps, merchants, miniAppVersions, templates, users, versionEvents, type BatchOperation, type BatchStatus } from '@/db/schema';
import { beijingDate, beijingDayStart, dateRange } from '@/lib/analytics/dates';
import { latestOnShelf } from '@/lib/templates/registry';
import { compareVersions } from '@/lib/versions/operations';
import { DEFAULT_WAIT_HOURS, FUNNEL_STAGES, stagePredicate, type FunnelStage, type MerchantStage, type StageOptions } from './stages';

/** Non-archived merchants in a stage. */
export function countInStage(db: Db, stage: MerchantStage, options: StageOptions = {}): number {
  return countStages(db, [[stage, options]])[0];
}

/** Non-archived merchants in each of several stages, in one pass over the merchants (each stage's list built once). */
export function countStages(db: Db, stages: readonly (readonly [MerchantStage, StageOptions?])[]): number[] {
  const columns = stages.map(([stage, options], i) => {
    const where = stagePredicate(stage, options ?? {});
    return where ? sql`count(*) FILTER (WHERE ${where}) AS ${sql.raw(`s${i}`)}` : sql`count(*) AS ${sql.raw(`s${i}`)}`;
  });
  const row = db.get<Record<string, number>>(sql`SELECT ${sql.join(columns, sql`, `)} FROM ${merchants} WHERE ${isNull(merchants.archivedAt)}`);
  return stages.map((_, i) => row?.[`s${i}`] ?? 0);
}

export interface FunnelRow {
  stage: FunnelStage;
  count: number;
  /** Share of the previous stage that reached this one (null for the first stage or an empty previous one). */
  fromPrevious: number | null;
  /** Share of all recorded merchants. */
  fromFirst: number | null;
}

export function loadFunnel(db: Db): FunnelRow[] {
  const counts = countStages(
    db,
    FUNNEL_STAGES.map((stage) => [stage]),
  );
  return FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: counts[i],
    fromPrevious: i === 0 || counts[i - 1] === 0 ? null : counts[i] / counts[i - 1],
    fromFirst: i === 0 || counts[0] === 0 ? null : counts[i] / counts[0],
  }));
}

export interface RejectReason {
  reason: string;
  versions: number;
  merchants: number;
}

export interface FailedBatch {
  id: number;
  operation: BatchOperation;
  failed: number;
  total: number;
  createdAt: Date;
}

export interface BehindTemplate {
  templateId: string;
  name: string;
  latest: string;
  /** Mini-programs online on an older version of this template. */
  behind: number;
}

export interface Attention {
  rejected: number;
  topReasons: RejectReason[];
  waitHours: number;
  auditWaiting: number;
  authLost: number;
  failedBatches: FailedBatch[];
  behind: BehindTemplate[];
}

const FAILED_BATCH_DAYS = 7;

/** `versionCounts`: templateVersionCounts already read for the same page, so it is not read twice. */
export function loadAttention(db: Db, now: number, waitHours = DEFAULT_WAIT_HOURS, versionCounts = templateVersionCounts(db)): Attention {
  const live = and(eq(merchantApps.status, 'authorized'), isNull(miniAppVersions.deletedAt), isNull(merchants.archivedAt));
  const topReasons = db
    .select({
      reason: sql<string>`coalesce(${miniAppVersions.rejectReason}, '')`,
      versions: count(),
      merchants: sql<number>`count(DISTINCT ${merchantApps.merchantId})`,
    })
    .from(miniAppVersions)
    .innerJoin(merchantApps, eq(merchantApps.id, miniAppVersions.merchantAppId))
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(and(eq(miniAppVersions.status, 'AUDIT_REJECT'), live))
    .groupBy(sql`1`)
    .orderBy(desc(sql`3`), desc(sql`2`))
    .limit(5)
    .all();
  const failedBatches = db
    .select({ id: batches.id, operation: batches.operation, failed: batches.failed, total: batches.total, createdAt: batches.createdAt })
    .from(batches)
    .where(and(gte(batches.createdAt, new Date(now - FAILED_BATCH_DAYS * 86_400_000)), sql`${batches.failed} > 0`))
    .orderBy(desc(batches.createdAt))
    .limit(5)
    .all();
  const behind: BehindTemplate[] = [];
  const online = versionCounts.filter((r) => r.online > 0);
  for (const t of db.select({ templateId: templates.templateId, name: templates.name }).from(templates).all()) {
    const latest = latestOnShelf(db, t.templateId);
    if (!latest) continue;
    const n = online.filter((r) => r.templateId === t.templateId && compareVersions(r.templateVersion, latest) < 0).reduce((s, r) => s + r.online, 0);
    if (n > 0) behind.push({ templateId: t.templateId, name: t.name, latest, behind: n });
  }
  const [rejected, auditWaiting, authLost] = countStages(db, [['rejected'], ['auditWaiting', { hours: waitHours, now }], ['authLost']]);
  return {
    rejected,
    topReasons: topReasons.map((r) => ({ reason: r.reason, versions: r.versions, merchants: Number(r.merchants) })),
    waitHours,
    auditWaiting,
    authLost,
    failedBatches,
    behind,
  };
}

export interface TemplateVersionCount {
  templateId: string;
  templateName: string | null;
  templateVersion: string;
  online: number;
  gray: number;
  inAudit: number;
}

/** How many mini-programs run each template version online, in gray and in audit (one grouped query). */
export function templateVersionCounts(db: Db): TemplateVersionCount[] {
  const rows = db
    .select({
      templateId: miniAppVersions.templateId,
      templateName: templates.name,
      templateVersion: miniAppVersions.templateVersion,
      online: sql<number>`sum(${miniAppVersions.status} = 'RELEASE')`,
      gray: sql<number>`sum(${miniAppVersions.status} = 'GRAY')`,
      inAudit: sql<number>`sum(${miniAppVersions.status} IN ('AUDITING', 'WAIT_RELEASE', 'BASE_AUDIT_PASS'))`,
    })
    .from(miniAppVersions)
    .leftJoin(templates, eq(templates.templateId, miniAppVersions.templateId))
    .where(
      and(
        inArray(miniAppVersions.status, ['RELEASE', 'GRAY', 'AUDITING', 'WAIT_RELEASE', 'BASE_AUDIT_PASS']),
        isNull(miniAppVersions.deletedAt),
        isNotNull(miniAppVersions.templateId),
        isNotNull(miniAppVersions.templateVersion),
        // Read from the versions' covering index by status, each checked against the list of authorized apps (the
        // unary + keeps SQLite from probing the index once per authorized app instead).
        inArray(sql`+${miniAppVersions.merchantAppId}`, db.select({ id: merchantApps.id }).from(merchantApps).where(eq(merchantApps.status, 'authorized'))),
      ),
    )
    .groupBy(miniAppVersions.templateId, miniAppVersions.templateVersion)
    .all();
  return rows
    .map((r) => ({ templateId: r.templateId!, templateName: r.templateName, templateVersion: r.templateVersion!, online: Number(r.online), gray: Number(r.gray), inAudit: Number(r.inAudit) }))
    .sort((a, b) => a.templateId.localeCompare(b.templateId) || compareVersions(b.templateVersion, a.templateVersion));
}

export interface ActivityDay {
  date: string;
  submitted: number;
  passed: number;
  rejected: number;
}

export const ACTIVITY_DAYS = 30;

/** Audits submitted, passed and rejected per Beijing day over the last 30 days (today included). */
export function auditActivity(db: Db, now: number): ActivityDay[] {
  const days = dateRange(beijingDate(now), ACTIVITY_DAYS);
  const day = sql<string>`date((${versionEvents.at} / 1000) + 8 * 3600, 'unixepoch')`;
  const rows = db
    .select({ day, kind: versionEvents.kind, n: count() })
    .from(versionEvents)
    .where(and(inArray(versionEvents.kind, ['submitted', 'passed', 'rejected']), gte(versionEvents.at, new Date(beijingDayStart(days[0])))))
    .groupBy(day, versionEvents.kind)
    .all();
  return days.map((date) => {
    const of = (kind: string) => rows.find((r) => r.day === date && r.kind === kind)?.n ?? 0;
    return { date, submitted: of('submitted'), passed: of('passed'), rejected: of('rejected') };
  });
}

export interface RecentBatch {
  id: number;
  operation: BatchOperation;
  status: BatchStatus;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  createdAt: Date;
}

export function recentBatches(db: Db, limit = 6): RecentBatch[] {
  return db
    .select({
      id: batches.id,
      operation: batches.operation,
      status: batches.status,
      total: batches.total,
      succeeded: batches.succeeded,
      failed: batches.failed,
      skipped: batches.skipped,
      createdAt: batches.createdAt,
    })
    .from(batches)
    .orderBy(desc(batches.createdAt), desc(batches.id))
    .limit(limit)
    .all();
}

export const GETTING_STARTED_STEPS = ['merchant', 'authorize', 'template', 'upload', 'staff'] as const;
export type GettingStartedStep = (typeof GETTING_STARTED_STEPS)[number];

/** Which first steps are done (each an EXISTS-style query that stops at the first row). */
export function gettingStarted(db: Db): Record<GettingStartedStep, boolean> {
  const any = (q: { get(): unknown }) => q.get() !== undefined;
  return {
    merchant: any(db.select({ id: merchants.id }).from(merchants).limit(1)),
    authorize: any(db.select({ id: merchantApps.id }).from(merchantApps).limit(1)),
    template: any(db.select({ id: templates.templateId }).from(templates).limit(1)),
    upload: any(db.select({ id: miniAppVersions.id }).from(miniAppVersions).limit(1)),
    staff: (db.select({ n: count() }).from(users).get()?.n ?? 0) > 1,
  };
}

