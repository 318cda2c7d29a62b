// Each mini-program's own ext values for a template (merchant_ext_configs) and what it runs now (the console's copy
// of its versions). Reads and writes only: no auth, no platform calls.
import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { DEFAULT_BUNDLE_ID, merchantApps, merchantExtConfigs, merchants, miniAppVersions } from '@/db/schema';
import type { JsonValue } from '@/lib/batches/ext-template';
import { containsPattern } from '@/lib/merchants/data';
import { compareVersions } from '@/lib/versions/operations';

export interface StoredExtValues {
  custom: Record<string, string>;
  override: Record<string, JsonValue> | null;
}

function parseObject(text: string | null): Record<string, JsonValue> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, JsonValue>) : null;
  } catch {
    return null;
  }
}

function valuesOf(row: { custom: string; override: string | null }): StoredExtValues {
  const custom = Object.fromEntries(Object.entries(parseObject(row.custom) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { custom, override: parseObject(row.override) };
}

/** Stored values of the given mini-programs for one template, by merchant app id. */
export function extValuesFor(db: Db, templateId: string, merchantAppIds: readonly number[]): Map<number, StoredExtValues> {
  if (!merchantAppIds.length) return new Map();
  const rows = db
    .select()
    .from(merchantExtConfigs)
    .where(and(eq(merchantExtConfigs.templateId, templateId), inArray(merchantExtConfigs.merchantAppId, [...merchantAppIds])))
    .all();
  return new Map(rows.map((r) => [r.merchantAppId, valuesOf(r)]));
}

export function upsertMerchantExt(
  db: Db,
  input: { merchantAppId: number; templateId: string; custom: Record<string, string>; override: Record<string, unknown> | null; updatedById: number | null },
): void {
  const values = {
    custom: JSON.stringify(input.custom),
    override: input.override ? JSON.stringify(input.override) : null,
    updatedById: input.updatedById,
    updatedAt: new Date(),
  };
  db.insert(merchantExtConfigs)
    .values({ merchantAppId: input.merchantAppId, templateId: input.templateId, ...values })
    .onConflictDoUpdate({ target: [merchantExtConfigs.merchantAppId, merchantExtConfigs.templateId], set: values })
    .run();
}

export interface CurrentExt {
  appVersion: string;
  status: string | null;
  templateId: string | null;
  templateVersion: string | null;
  ext: string;
}

/**
 * What each mini-program runs now, as far as the console knows: the ext of its online version, else of its newest
 * version that has one. Mini-programs with no ext on record are absent.
 */
export function currentExts(db: Db, merchantAppIds: readonly number[]): Map<number, CurrentExt> {
  if (!merchantAppIds.length) return new Map();
  const rows = db
    .select()
    .from(miniAppVersions)
    .where(
      and(
        inArray(miniAppVersions.merchantAppId, [...merchantAppIds]),
        eq(miniAppVersions.bundleId, DEFAULT_BUNDLE_ID),
        isNull(miniAppVersions.deletedAt),
        isNotNull(miniAppVersions.ext),
      ),
    )
    .all();
  const out = new Map<number, CurrentExt>();
  const rank = (r: (typeof rows)[number]) => (r.status === 'RELEASE' ? 1 : 0);
  for (const r of rows) {
    const had = out.get(r.merchantAppId);
    const better = !had || rank(r) > (had.status === 'RELEASE' ? 1 : 0) || (rank(r) === (had.status === 'RELEASE' ? 1 : 0) && compareVersions(r.appVersion, had.appVersion) > 0);
    if (better) out.set(r.merchantAppId, { appVersion: r.appVersion, status: r.status, templateId: r.templateId, templateVersion: r.templateVersion, ext: r.ext! });
  }
  return out;
}

export interface TemplateMerchantRow {
  merchantAppId: number;
  authAppId: string;
  appName: string | null;
  merchantId: number;
  merchantName: string;
  merchantPhone: string;
  merchantEmail: string | null;
  merchantContact: string | null;
  /** Stored own values for this template, or null when it has none. */
  own: StoredExtValues | null;
  current: CurrentExt | null;
}

/** One page of a list and how many rows match in all. */
export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const TEMPLATE_PAGE_SIZE = 20;

/**
 * Authorized mini-programs of merchants not archived, with their own values for the template and current ext: one
 * page, optionally only those whose merchant name, mini-program name or APPID contains `q`. Filtered and paged in
 * SQL, so the template's page stays small however large the fleet.
 */
export function listTemplateMerchants(db: Db, templateId: string, query: { q?: string; page?: number; pageSize?: number } = {}): Paged<TemplateMerchantRow> {
  const pageSize = query.pageSize ?? TEMPLATE_PAGE_SIZE;
  const q = query.q?.trim();
  const p = q ? containsPattern(q) : null;
  const where = and(
    eq(merchantApps.status, 'authorized'),
    isNull(merchants.archivedAt),
    p ? sql`(${merchants.name} LIKE ${p} ESCAPE '\\' OR ${merchantApps.appName} LIKE ${p} ESCAPE '\\' OR ${merchantApps.authAppId} LIKE ${p} ESCAPE '\\')` : undefined,
  );
  const total = db.select({ n: count() }).from(merchantApps).innerJoin(merchants, eq(merchants.id, merchantApps.merchantId)).where(where).get()?.n ?? 0;
  const page = Math.max(1, Math.min(query.page ?? 1, Math.ceil(total / pageSize) || 1));
  const apps = db
    .select({ app: merchantApps, merchant: merchants })
    .from(merchantApps)
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(where)
    .orderBy(merchants.name, desc(merchantApps.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const ids = apps.map((a) => a.app.id);
  const own = extValuesFor(db, templateId, ids);
  const current = currentExts(db, ids);
  const rows = apps.map(({ app, merchant }) => ({
    merchantAppId: app.id,
    authAppId: app.authAppId,
    appName: app.appName,
    merchantId: merchant.id,
    merchantName: merchant.name,
    merchantPhone: merchant.mobile,
    merchantEmail: merchant.email || null,
    merchantContact: merchant.contactName || null,
    own: own.get(app.id) ?? null,
    current: current.get(app.id) ?? null,
  }));
  return { rows, total, page, pageSize };
}
