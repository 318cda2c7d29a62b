// The /drift page's reads: the fleet-wide verdicts, counts, filters and paging run in SQL over the console's
// records, so the page costs the same at 100 or 10,000 mini-programs and only the shown page (and, on request, the
// ids of the matching ones) leaves the database. The per-mini-program rules are ./rules.ts; the SQL below applies
// them to the three columns the filters need (online, audit, rejected), and the shown rows are built by those rules.
import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { DEFAULT_BUNDLE_ID, type MiniAppStatus, type StoredVersionStatus } from '@/db/schema';
import { buildDriftRow, COLUMN_OF, type DriftFilter, type DriftRow, type DriftSummary, type DriftVersion } from './rules';

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

const caseColumn = sql.raw(
  `CASE v.status ${Object.entries(COLUMN_OF)
    .map(([status, column]) => `WHEN '${status}' THEN '${column}'`)
    .join(' ')} END`,
);
const quoted = (statuses: string[]) => sql.raw(statuses.map((s) => `'${s}'`).join(', '));
const liveStatuses = quoted(Object.keys(COLUMN_OF));
/** The statuses of the three columns the filters and counts read. */
const filterStatuses = quoted(Object.entries(COLUMN_OF).flatMap(([status, column]) => (['online', 'audit', 'rejected'].includes(column) ? [status] : [])));

/**
 * One row per mini-program of every merchant not archived, with its verdict and the facts the filters read. For
 * each column the newest version (highest version key) wins, as in `classifyVersions`; SQLite takes the other
 * columns of a `max()` group from the row holding the maximum.
 */
function fleet(templateId: string, latest: string | null, now: number, q: string): SQL {
  const needle = q.trim().toLowerCase();
  const search = needle
    ? sql`AND (instr(lower(m.name), ${needle}) > 0 OR instr(lower(coalesce(ma.app_name, '')), ${needle}) > 0 OR instr(lower(ma.auth_app_id), ${needle}) > 0)`
    : sql``;
  const latestKey = latest === null ? null : versionKey(latest);
  return sql`
    WITH picked AS (
      SELECT v.merchant_app_id AS app_id, ${caseColumn} AS col, max(${versionKeySql('v.app_version')}) AS k,
             v.status AS status, v.template_id AS template_id, v.template_version AS template_version, v.gmt_apply_audit AS applied_at
      FROM mini_app_versions v
      WHERE v.status IN (${filterStatuses}) AND v.deleted_at IS NULL AND v.bundle_id = ${DEFAULT_BUNDLE_ID}
      GROUP BY v.merchant_app_id, col
    ),
    fleet AS (
      SELECT ma.id AS merchant_app_id, m.name AS merchant_name, ma.status AS auth_status,
        CASE
          WHEN o.app_id IS NULL THEN 'behind'
          WHEN o.template_id IS NOT NULL AND o.template_id <> ${templateId} THEN 'other'
          WHEN o.template_version IS NULL OR ${latestKey} IS NULL THEN 'unknown'
          WHEN ${versionKeySql('o.template_version')} >= ${latestKey} THEN 'current'
          ELSE 'behind'
        END AS verdict,
        a.status AS audit_status,
        CASE WHEN a.status = 'AUDITING' AND a.applied_at IS NOT NULL THEN max(0, (${now} - a.applied_at) / 3600000) END AS audit_hours,
        r.app_id IS NOT NULL AS rejected
      FROM merchant_apps ma
      JOIN merchants m ON m.id = ma.merchant_id
      LEFT JOIN picked o ON o.app_id = ma.id AND o.col = 'online'
      LEFT JOIN picked a ON a.app_id = ma.id AND a.col = 'audit'
      LEFT JOIN picked r ON r.app_id = ma.id AND r.col = 'rejected'
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
  type Row = Record<keyof DriftSummary | 'matched' | 'matchedSelectable', number | null> & { id: number; hit: number };
  // One pass: the counts ride on every row as window sums, and the matching rows sort first, so the page is the
  // LIMIT/OFFSET slice of them.
  const pageOf = (p: number) =>
    db.all<Row>(sql`${base}
      SELECT merchant_app_id AS id, (${where}) AS hit,
        count(*) OVER () AS total,
        sum(verdict = 'current') OVER () AS current, sum(verdict = 'behind') OVER () AS behind,
        sum(verdict = 'unknown') OVER () AS unknown, sum(verdict = 'other') OVER () AS other,
        sum(audit_status = 'AUDITING') OVER () AS inAudit, sum(audit_hours > ${stuckHours}) OVER () AS stuck,
        sum(rejected) OVER () AS rejected, sum(auth_status <> 'authorized') OVER () AS cancelled,
        sum(${where}) OVER () AS matched, sum((${where}) AND auth_status = 'authorized') OVER () AS matchedSelectable
      FROM fleet ORDER BY hit DESC, merchant_name, merchant_app_id LIMIT ${size} OFFSET ${(p - 1) * size}`);
  let p = page;
  let rows = pageOf(p);
  if (p > 1 && !rows[0]?.hit) {
    // Past the last page (a stale link): show the last one.
    const first = pageOf(1)[0];
    p = Math.max(1, Math.ceil((first?.matched ?? 0) / size));
    rows = p === 1 ? pageOf(1) : pageOf(p);
  }
  const counts = rows[0];
  const n = (k: keyof DriftSummary | 'matched' | 'matchedSelectable') => counts?.[k] ?? 0;
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
    rows: loadDriftRows(
      db,
      rows.filter((r) => r.hit).map((r) => r.id),
      t,
      now,
    ),
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

/** The shown rows, built by the per-mini-program rules from their live versions; in the order of `ids`. */
export function loadDriftRows(db: Db, ids: readonly number[], t: DriftTemplate, now = Date.now()): DriftRow[] {
  if (!ids.length) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const apps = db.all<{ merchantAppId: number; merchantId: number; merchantName: string; authAppId: string; appName: string | null; authStatus: MiniAppStatus }>(sql`
    SELECT ma.id AS merchantAppId, m.id AS merchantId, m.name AS merchantName, ma.auth_app_id AS authAppId, ma.app_name AS appName, ma.status AS authStatus
    FROM merchant_apps ma JOIN merchants m ON m.id = ma.merchant_id WHERE ma.id IN (${list})`);
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
    WHERE v.merchant_app_id IN (${list}) AND v.status IN (${liveStatuses}) AND v.deleted_at IS NULL AND v.bundle_id = ${DEFAULT_BUNDLE_ID}`);
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
  const appById = new Map(apps.map((a) => [a.merchantAppId, a]));
  return ids.flatMap((id) => {
    const app = appById.get(id);
    return app ? [buildDriftRow(app, byApp.get(id) ?? [], t.templateId, t.latest, now)] : [];
  });
}
