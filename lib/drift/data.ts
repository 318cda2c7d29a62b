// The /drift page's reads: the fleet-wide verdicts, counts, filters and paging run in SQL over the console's
// records, so only the shown page (and, on request, the ids of the matching ones) leaves the database. The
// per-mini-program rules are ./rules.ts; the columns the filters need (online, audit, rejected) are kept per
// mini-program in mini_app_drift by triggers that apply the same rule, so a request reads one row per mini-program
// rather than grouping every version; the shown rows are built by the rules themselves.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { DEFAULT_BUNDLE_ID, type StoredVersionStatus } from '@/db/schema';
import { buildDriftRow, COLUMN_OF, type DriftAppInput, type DriftFilter, type DriftRow, type DriftSummary, type DriftVersion } from './rules';

/**
 * A number that sorts like `compareVersions` for the platform's `x.y.z` versions (each part up to 6 digits, as
 * VERSION_NUMBER allows; a missing or non-numeric part counts as 0): x·10¹² + y·10⁶ + z. `versionKeySql` is the same
 * in SQL, so the database orders and compares versions without calling back into JavaScript.
 */
export function versionKey(version: string): number {
  const [x = 0, y = 0, z = 0] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return x * 1e12 + y * 1e6 + z;
}

export function versionKeySql(column: string): SQL {
  const c = sql.raw(column);
  // The text after the first dot, and after the second one.
  const rest = sql`substr(${c}, instr(${c}, '.') + 1)`;
  const part2 = sql`CASE WHEN instr(${c}, '.') > 0 THEN CAST(${rest} AS INTEGER) ELSE 0 END`;
  const part3 = sql`CASE WHEN instr(${c}, '.') > 0 AND instr(${rest}, '.') > 0 THEN CAST(substr(${rest}, instr(${rest}, '.') + 1) AS INTEGER) ELSE 0 END`;
  return sql`(CAST(${c} AS INTEGER) * 1000000000000 + ${part2} * 1000000 + ${part3})`;
}

const quoted = (statuses: string[]) => sql.raw(statuses.map((s) => `'${s}'`).join(', '));
const liveStatuses = quoted(Object.keys(COLUMN_OF));

/**
 * One row per mini-program of every merchant not archived, with its verdict (`driftVerdict` in SQL, over the facts
 * mini_app_drift keeps) and the facts the filters read.
 */
function fleet(templateId: string, latest: string | null, now: number, q: string): SQL {
  const needle = q.trim().toLowerCase();
  const search = needle
    ? sql`AND (instr(lower(m.name), ${needle}) > 0 OR instr(lower(coalesce(ma.app_name, '')), ${needle}) > 0 OR instr(lower(ma.auth_app_id), ${needle}) > 0)`
    : sql``;
  const latestKey = latest ? versionKey(latest) : null;
  return sql`
    WITH fleet AS (
      SELECT ma.id AS merchant_app_id, m.name AS merchant_name, ma.status AS auth_status,
        CASE
          WHEN d.online_version IS NULL THEN 'behind'
          WHEN coalesce(d.online_template_id, '') <> '' AND d.online_template_id <> ${templateId} THEN 'other'
          WHEN coalesce(d.online_template_version, '') = '' OR ${latestKey} IS NULL THEN 'unknown'
          WHEN ${versionKeySql('d.online_template_version')} >= ${latestKey} THEN 'current'
          ELSE 'behind'
        END AS verdict,
        d.audit_status AS audit_status,
        CASE WHEN d.audit_status = 'AUDITING' AND d.audit_applied_at IS NOT NULL THEN max(0, (${now} - d.audit_applied_at) / 3600000) END AS audit_hours,
        coalesce(d.rejected, 0) AS rejected
      FROM merchants m
      JOIN merchant_apps ma ON ma.merchant_id = m.id
      LEFT JOIN mini_app_drift d ON d.merchant_app_id = ma.id
      WHERE m.archived_at IS NULL ${search}
    )`;
}

/** The filters other than the text search (which narrows the fleet itself, counts included). */
function matching(f: DriftFilter): SQL {
  const parts: SQL[] = [sql`1`];
  if (f.verdict !== 'all') parts.push(sql`verdict = ${f.verdict}`);
  if (f.stuckHours !== null) parts.push(sql`audit_hours > ${f.stuckHours}`);
  if (f.rejected) parts.push(sql`rejected`);
  if (f.cancelled) parts.push(sql`auth_status <> 'authorized'`);
  return sql.join(parts, sql` AND `);
}

export interface DriftTemplate {
  templateId: string;
  /** The template's latest on-shelf version; null when none is on shelf. */
  latest: string | null;
}

export interface DriftPage {
  /** Counts over the mini-programs matching the text search (the whole fleet when there is none). */
  summary: DriftSummary;
  /** Rows matching every filter. */
  matched: number;
  /** Of those, how many can go into a batch (authorized). */
  matchedSelectable: number;
  rows: DriftRow[];
  /** The page shown: the one asked for, or the last one when fewer rows match. */
  page: number;
}

/**
 * The counts cover the rows matching the text search, so a search for a chain shows that chain's drift; the other
 * filters narrow the table only.
 */
export function loadDriftPage(db: Db, t: DriftTemplate, f: DriftFilter, page: number, size: number, stuckHours: number, now = Date.now()): DriftPage {
  const base = fleet(t.templateId, t.latest, now, f.q);
  const where = matching(f);
  type Counts = Record<keyof DriftSummary | 'matched' | 'matchedSelectable', number | null>;
  // The counts in one aggregate pass, then only the page's rows: the name index walks the fleet in the table's order,
  // so a first page stops after its rows.
  const counts = db.get<Counts>(sql`${base}
    SELECT count(*) AS total,
      sum(verdict = 'current') AS current, sum(verdict = 'behind') AS behind,
      sum(verdict = 'unknown') AS unknown, sum(verdict = 'other') AS other,
      sum(audit_status = 'AUDITING') AS inAudit, sum(audit_hours > ${stuckHours}) AS stuck,
      sum(rejected) AS rejected, sum(auth_status <> 'authorized') AS cancelled,
      sum(${where}) AS matched, sum((${where}) AND auth_status = 'authorized') AS matchedSelectable
    FROM fleet`);
  const n = (k: keyof Counts) => counts?.[k] ?? 0;
  // Past the last page (a stale link): show the last one.
  const p = Math.max(1, Math.min(page, Math.ceil(n('matched') / size)));
  const apps = db.all<DriftAppInput>(sql`${base}
    SELECT f.merchant_app_id AS merchantAppId, ma.merchant_id AS merchantId, f.merchant_name AS merchantName, ma.auth_app_id AS authAppId,
      ma.app_name AS appName, f.auth_status AS authStatus
    FROM fleet f JOIN merchant_apps ma ON ma.id = f.merchant_app_id
    WHERE ${where} ORDER BY f.merchant_name, f.merchant_app_id LIMIT ${size} OFFSET ${(p - 1) * size}`);
  return {
    summary: {
      total: n('total'),
      current: n('current'),
      behind: n('behind'),
      unknown: n('unknown'),
      other: n('other'),
      inAudit: n('inAudit'),
      stuck: n('stuck'),
      rejected: n('rejected'),
      cancelled: n('cancelled'),
    },
    matched: n('matched'),
    matchedSelectable: n('matchedSelectable'),
    rows: buildRows(db, apps, t, now),
    page: p,
  };
}

/** Every matching mini-program that can go into a batch, in the table's order (asked for by "select all matching"). */
export function matchingSelectableIds(db: Db, t: DriftTemplate, f: DriftFilter, now = Date.now()): number[] {
  return db
    .all<{ id: number }>(
      sql`${fleet(t.templateId, t.latest, now, f.q)} SELECT merchant_app_id AS id FROM fleet WHERE ${matching(f)} AND auth_status = 'authorized' ORDER BY merchant_name, merchant_app_id`,
    )
    .map((r) => r.id);
}

/** The shown rows, built by the per-mini-program rules from their live versions; in the order of `apps`. */
function buildRows(db: Db, apps: readonly DriftAppInput[], t: DriftTemplate, now: number): DriftRow[] {
  if (!apps.length) return [];
  const list = sql.join(
    apps.map((a) => sql`${a.merchantAppId}`),
    sql`, `,
  );
  const versions = db.all<{
    merchantAppId: number;
    appVersion: string;
    status: StoredVersionStatus;
    templateId: string | null;
    templateVersion: string | null;
    grayStrategy: string | null;
    rejectReason: string | null;
    appliedAt: number | null;
  }>(sql`
    SELECT v.merchant_app_id AS merchantAppId, v.app_version AS appVersion, v.status, v.template_id AS templateId,
           v.template_version AS templateVersion, v.gray_strategy AS grayStrategy, v.reject_reason AS rejectReason, v.gmt_apply_audit AS appliedAt
    FROM mini_app_versions v
    -- +v.status: read the shown apps through their own index, not every version of these statuses.
    WHERE v.merchant_app_id IN (${list}) AND +v.status IN (${liveStatuses}) AND v.deleted_at IS NULL AND v.bundle_id = ${DEFAULT_BUNDLE_ID}`);
  const byApp = new Map<number, DriftVersion[]>();
  for (const v of versions) {
    const entry: DriftVersion = {
      appVersion: v.appVersion,
      status: v.status,
      templateId: v.templateId,
      templateVersion: v.templateVersion,
      grayStrategy: v.grayStrategy,
      rejectReason: v.rejectReason,
      appliedAuditAt: v.appliedAt,
    };
    const held = byApp.get(v.merchantAppId);
    if (held) held.push(entry);
    else byApp.set(v.merchantAppId, [entry]);
  }
  return apps.map((app) => buildDriftRow(app, byApp.get(app.merchantAppId) ?? [], t.templateId, t.latest, now));
}
