// Version drift: every merchant mini-program's dev / audit / gray / online versions against the latest on-shelf
// version of one template, and the filters the /drift page offers. The rules for one mini-program live here; the
// fleet-wide filter, counts and paging run in SQL (./data.ts), which applies the same rules.
import { z } from 'zod';
import type { MiniAppStatus } from '@/lib/merchants/vocabulary';
import type { AppVersionStatus, StoredVersionStatus } from '@/db/schema-versions';
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

export type DriftColumn = 'dev' | 'audit' | 'rejected' | 'gray' | 'online';
export const COLUMN_OF: Partial<Record<AppVersionStatus, DriftColumn>> = {
  INIT: 'dev',
  AUDITING: 'audit',
  WAIT_RELEASE: 'audit',
  BASE_AUDIT_PASS: 'audit',
  AUDIT_REJECT: 'rejected',
  GRAY: 'gray',
  RELEASE: 'online',
};

/** Picks one version per column from a mini-program's live versions (the newest when a status repeats). */
export function classifyVersions(versions: readonly DriftVersion[]): Record<DriftColumn, DriftVersion | null> {
  const out: Record<DriftColumn, DriftVersion | null> = { dev: null, audit: null, rejected: null, gray: null, online: null };
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

/** A batch can only run on an authorized mini-program: the others are shown but not selectable. */
export const selectable = (row: Pick<DriftRow, 'authStatus'>) => row.authStatus === 'authorized';
