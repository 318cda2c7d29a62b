// Version drift (issue 6): every merchant mini-program's dev / audit / gray / online versions against the latest
// on-shelf version of one template, with the filters the /drift page offers. Pure rules plus one loader that reads
// the whole fleet in two queries (apps, versions) and groups in memory, so 10,000 mini-programs stay one page load.
import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { DEFAULT_BUNDLE_ID, merchantApps, merchants, miniAppVersions, type AppVersionStatus, type MiniAppStatus, type StoredVersionStatus } from '@/db/schema';
import { compareVersions } from '@/lib/versions/operations';

/**
 * - `current`: the online version was instantiated from this template at (or above) its latest on-shelf version.
 * - `behind`: no online version at all, or an online version of this template at an older template version.
 * - `unknown`: an online version whose template version the console never learned (uploaded outside a batch, or
 *   before batches recorded it), or no version of the template is on shelf: nobody can say, so it is neither
 *   counted as current nor silently swept into "behind".
 * - `other`: the online version comes from a different template (another product line, not drift).
 */
export const DRIFT_VERDICTS = ['current', 'behind', 'unknown', 'other'] as const;
export type DriftVerdict = (typeof DRIFT_VERDICTS)[number];

export interface DriftVersion {
  appVersion: string;
  status: StoredVersionStatus;
  templateId: string | null;
  templateVersion: string | null;
  grayStrategy: string | null;
  rejectReason: string | null;
  /** When it was submitted for audit (ms), for AUDITING. */
  appliedAuditAt: number | null;
}

export interface DriftRow {
  merchantAppId: number;
  merchantId: number;
  merchantName: string;
  authAppId: string;
  appName: string | null;
  authStatus: MiniAppStatus;
  dev: DriftVersion | null;
  /** AUDITING or WAIT_RELEASE (passed, not yet released). */
  audit: DriftVersion | null;
  /** Whole hours since the audit was applied for; null unless AUDITING with a known time. */
  auditHours: number | null;
  rejected: DriftVersion | null;
  gray: DriftVersion | null;
  online: DriftVersion | null;
  verdict: DriftVerdict;
}

export function driftVerdict(online: Pick<DriftVersion, 'templateId' | 'templateVersion'> | null, templateId: string, latest: string | null): DriftVerdict {
  if (!online) return 'behind';
  if (online.templateId && online.templateId !== templateId) return 'other';
  if (!online.templateVersion || !latest) return 'unknown';
  return compareVersions(online.templateVersion, latest) >= 0 ? 'current' : 'behind';
}

/** Whole hours between an audit application and now; null when the time is unknown. */
export function hoursSince(at: number | null, now: number): number | null {
  if (at === null) return null;
  return Math.max(0, Math.floor((now - at) / 3_600_000));
}

type Column = 'dev' | 'audit' | 'rejected' | 'gray' | 'online';
const COLUMN_OF: Partial<Record<AppVersionStatus, Column>> = {
  INIT: 'dev',
  AUDITING: 'audit',
  WAIT_RELEASE: 'audit',
  BASE_AUDIT_PASS: 'audit',
  AUDIT_REJECT: 'rejected',
  GRAY: 'gray',
  RELEASE: 'online',
};

/** Picks one version per column from a mini-program's live versions (the newest when a status repeats). */
export function classifyVersions(versions: readonly DriftVersion[]): Record<Column, DriftVersion | null> {
  const out: Record<Column, DriftVersion | null> = { dev: null, audit: null, rejected: null, gray: null, online: null };
  for (const v of versions) {
    const column = COLUMN_OF[v.status as AppVersionStatus];
    if (!column) continue;
    const held = out[column];
    if (!held || compareVersions(v.appVersion, held.appVersion) > 0) out[column] = v;
  }
  return out;
}

export interface DriftAppInput {
  merchantAppId: number;
  merchantId: number;
  merchantName: string;
  authAppId: string;
  appName: string | null;
  authStatus: MiniAppStatus;
}

export function buildDriftRow(app: DriftAppInput, versions: DriftVersion[], templateId: string, latest: string | null, now: number): DriftRow {
  const c = classifyVersions(versions);
  return {
    merchantAppId: app.merchantAppId,
    merchantId: app.merchantId,
    merchantName: app.merchantName,
    authAppId: app.authAppId,
    appName: app.appName,
    authStatus: app.authStatus,
    dev: c.dev,
    audit: c.audit,
    auditHours: c.audit?.status === 'AUDITING' ? hoursSince(c.audit.appliedAuditAt, now) : null,
    rejected: c.rejected,
    gray: c.gray,
    online: c.online,
    verdict: driftVerdict(c.online, templateId, latest),
  };
}

// ── Filters ────────────────────────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_STUCK_HOURS = 24;
export const DRIFT_PAGE_SIZES = [20, 50, 100, 200] as const;

const flag = z.preprocess((v) => v === '1' || v === 'true', z.boolean());

/** The page's query string: `?template=&verdict=&stuck=&hours=&rejected=1&cancelled=1&q=&page=&size=`. */
export const driftQuerySchema = z.object({
  template: z.string().trim().max(32).optional().catch(undefined),
  verdict: z.enum(['all', ...DRIFT_VERDICTS]).catch('all'),
  stuck: flag.catch(false),
  hours: z.coerce.number().int().min(1).max(24 * 365).catch(DEFAULT_STUCK_HOURS),
  rejected: flag.catch(false),
  cancelled: flag.catch(false),
  q: z.string().trim().max(100).catch(''),
  page: z.coerce.number().int().min(1).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (DRIFT_PAGE_SIZES as readonly number[]).includes(n))
    .catch(50),
});
export type DriftQuery = z.output<typeof driftQuerySchema>;

export function parseDriftQuery(search: Record<string, string | string[] | undefined>): DriftQuery {
  const flat = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return driftQuerySchema.parse(flat);
}

export interface DriftFilter {
  verdict: 'all' | DriftVerdict;
  /** Only mini-programs in audit for more than this many hours; null: no such filter. */
  stuckHours: number | null;
  rejected: boolean;
  /** Only mini-programs whose authorization was cancelled or became invalid. */
  cancelled: boolean;
  q: string;
}

export function filterOf(query: DriftQuery): DriftFilter {
  return { verdict: query.verdict, stuckHours: query.stuck ? query.hours : null, rejected: query.rejected, cancelled: query.cancelled, q: query.q };
}

export function matchesSearch(row: DriftRow, q: string): boolean {
  const needle = q.trim().toLowerCase();
  if (!needle) return true;
  return [row.merchantName, row.appName ?? '', row.authAppId].some((s) => s.toLowerCase().includes(needle));
}

/** Every active filter must hold (they narrow each other). */
export function matchesFilter(row: DriftRow, f: DriftFilter): boolean {
  if (f.verdict !== 'all' && row.verdict !== f.verdict) return false;
  if (f.stuckHours !== null && !(row.auditHours !== null && row.auditHours > f.stuckHours)) return false;
  if (f.rejected && !row.rejected) return false;
  if (f.cancelled && row.authStatus === 'authorized') return false;
  return matchesSearch(row, f.q);
}

export interface DriftSummary {
  total: number;
  current: number;
  behind: number;
  unknown: number;
  other: number;
  inAudit: number;
  stuck: number;
  rejected: number;
  cancelled: number;
}

export function summarize(rows: readonly DriftRow[], stuckHours: number): DriftSummary {
  const s: DriftSummary = { total: 0, current: 0, behind: 0, unknown: 0, other: 0, inAudit: 0, stuck: 0, rejected: 0, cancelled: 0 };
  for (const r of rows) {
    s.total += 1;
    s[r.verdict] += 1;
    if (r.audit?.status === 'AUDITING') s.inAudit += 1;
    if (r.auditHours !== null && r.auditHours > stuckHours) s.stuck += 1;
    if (r.rejected) s.rejected += 1;
    if (r.authStatus !== 'authorized') s.cancelled += 1;
  }
  return s;
}

export interface DriftPage {
  summary: DriftSummary;
  /** Rows matching every filter. */
  matched: number;
  rows: DriftRow[];
  /** Selectable ids among all matching rows (for "select all matching"). */
  matchedSelectableIds: number[];
  page: number;
}

/**
 * The counts cover the rows matching the text search (the whole fleet when there is none), so a search for a
 * chain shows that chain's drift; the other filters narrow the table only.
 */
export function paginate(rows: readonly DriftRow[], f: DriftFilter, page: number, size: number, stuckHours: number): DriftPage {
  const searched = f.q ? rows.filter((r) => matchesSearch(r, f.q)) : rows;
  const matched = searched.filter((r) => matchesFilter(r, f));
  const last = Math.max(1, Math.ceil(matched.length / size));
  const p = Math.min(page, last);
  return {
    summary: summarize(searched, stuckHours),
    matched: matched.length,
    rows: matched.slice((p - 1) * size, p * size),
    matchedSelectableIds: matched.filter(selectable).map((r) => r.merchantAppId),
    page: p,
  };
}

/** A batch can only run on an authorized mini-program: the others are shown but not selectable. */
export const selectable = (row: Pick<DriftRow, 'authStatus'>) => row.authStatus === 'authorized';

// ── Loader ─────────────────────────────────────────────────────────────────────────────────────────────────────

const COLUMN_STATUSES = Object.keys(COLUMN_OF) as AppVersionStatus[];

/**
 * One row per mini-program of every merchant not archived (cancelled and invalid authorizations included, so the
 * filter can show them), ordered by merchant name. Two queries whatever the fleet size.
 */
export function loadDriftRows(db: Db, templateId: string, latest: string | null, now = Date.now()): DriftRow[] {
  const apps = db
    .select({
      merchantAppId: merchantApps.id,
      merchantId: merchants.id,
      merchantName: merchants.name,
      authAppId: merchantApps.authAppId,
      appName: merchantApps.appName,
      authStatus: merchantApps.status,
    })
    .from(merchantApps)
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(isNull(merchants.archivedAt))
    .orderBy(asc(merchants.name), asc(merchantApps.id))
    .all();

  const byApp = new Map<number, DriftVersion[]>();
  const versions = db
    .select({
      merchantAppId: miniAppVersions.merchantAppId,
      appVersion: miniAppVersions.appVersion,
      status: miniAppVersions.status,
      templateId: miniAppVersions.templateId,
      templateVersion: miniAppVersions.templateVersion,
      grayStrategy: miniAppVersions.grayStrategy,
      rejectReason: miniAppVersions.rejectReason,
      gmtApplyAudit: miniAppVersions.gmtApplyAudit,
    })
    .from(miniAppVersions)
    .where(and(inArray(miniAppVersions.status, COLUMN_STATUSES), isNull(miniAppVersions.deletedAt), eq(miniAppVersions.bundleId, DEFAULT_BUNDLE_ID)))
    .all();
  for (const v of versions) {
    if (!v.status) continue;
    const entry: DriftVersion = {
      appVersion: v.appVersion,
      status: v.status,
      templateId: v.templateId,
      templateVersion: v.templateVersion,
      grayStrategy: v.grayStrategy,
      rejectReason: v.rejectReason,
      appliedAuditAt: v.gmtApplyAudit ? v.gmtApplyAudit.getTime() : null,
    };
    const list = byApp.get(v.merchantAppId);
    if (list) list.push(entry);
    else byApp.set(v.merchantAppId, [entry]);
  }
  return apps.map((app) => buildDriftRow(app, byApp.get(app.merchantAppId) ?? [], templateId, latest, now));
}
