// Templates: the console's record of the provider's templates and versions (db/schema-templates.ts), the
// platform's instances of them as the last sync stored them, the sync's own record, and each mini-program's ext
// values. Reads and writes only: no auth, no platform calls.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  DEFAULT_BUNDLE_ID,
  merchantApps,
  merchantExtConfigs,
  merchants,
  miniAppVersions,
  templateInstances,
  templates,
  templateSyncs,
  templateVersions,
  type TemplateRecord,
  type TemplateSyncRecord,
  type TemplateVersionRecord,
} from '@/db/schema';
import type { JsonValue } from '@/lib/batches/ext-template';
import { containsPattern } from '@/lib/merchants/data';
import { compareVersions } from '@/lib/versions/operations';

// --- the registry: templates and their versions

export function templateRows(db: Db): TemplateRecord[] {
  return db.select().from(templates).orderBy(asc(templates.createdAt)).all();
}

export function templateRow(db: Db, templateId: string): TemplateRecord | undefined {
  return db.select().from(templates).where(eq(templates.templateId, templateId)).get();
}

/** Every template's versions, or one template's. */
export function templateVersionRows(db: Db, templateId?: string): TemplateVersionRecord[] {
  const q = db.select().from(templateVersions);
  return (templateId === undefined ? q : q.where(eq(templateVersions.templateId, templateId))).all();
}

/** The versions of a template now on shelf, unordered. */
export function onShelfVersions(db: Db, templateId: string): string[] {
  return db
    .select({ version: templateVersions.version })
    .from(templateVersions)
    .where(and(eq(templateVersions.templateId, templateId), eq(templateVersions.onShelf, true)))
    .all()
    .map((v) => v.version);
}

/** The platform's template version status for "on shelf" (contract §4, sandbox rule; other values shown raw). */
export const TEMPLATE_ON_SHELF = 'RELEASE';

/** One template as templatelist.query lists it (lib/alipay/templates' PlatformTemplate, fields already defaulted). */
export interface PlatformTemplateEntry {
  miniAppId: string;
  appName: string;
  logoUrl: string;
  dateCreate: string;
  versionList: { templateVersion: string; versionStatus: string }[];
}

export interface RegistrySyncSummary {
  addedTemplates: string[];
  addedVersions: { templateId: string; version: string }[];
  vanishedVersions: { templateId: string; version: string }[];
  vanishedTemplates: string[];
  /** Versions of an already known template that the platform now lists on shelf (a notice for staff). */
  shelvedVersions: { templateId: string; name: string; version: string }[];
}

/**
 * Makes the registry follow the platform's list: adds templates and versions, takes the platform's status (on shelf =
 * `RELEASE`, anything else kept raw), marks what the platform no longer lists as vanished. Never deletes a row: notes,
 * ext configs and the history of what ran stay. A template or version listed again is no longer vanished.
 */
export function applyTemplateList(db: Db, list: readonly PlatformTemplateEntry[], now: Date = new Date()): RegistrySyncSummary {
  const summary: RegistrySyncSummary = { addedTemplates: [], addedVersions: [], vanishedVersions: [], vanishedTemplates: [], shelvedVersions: [] };
  db.transaction((tx) => {
    const known = new Map(tx.select().from(templates).all().map((t) => [t.templateId, t]));
    const knownVersions = tx.select().from(templateVersions).all();
    const listed = new Set<string>();
    for (const p of list) {
      if (!p.miniAppId || listed.has(p.miniAppId)) continue;
      listed.add(p.miniAppId);
      const had = known.get(p.miniAppId);
      const fields = { logoUrl: p.logoUrl || null, platformCreatedAt: p.dateCreate || null, vanishedAt: null };
      if (!had) {
        tx.insert(templates).values({ templateId: p.miniAppId, name: p.appName || p.miniAppId, ...fields }).run();
        summary.addedTemplates.push(p.miniAppId);
      } else {
        // A blank name from the platform keeps the one we had rather than showing a bare id.
        tx.update(templates).set({ ...fields, name: p.appName || had.name }).where(eq(templates.templateId, p.miniAppId)).run();
      }
      const seen = new Set<string>();
      for (const v of p.versionList) {
        if (!v.templateVersion || seen.has(v.templateVersion)) continue;
        seen.add(v.templateVersion);
        const status = v.versionStatus || null;
        const values = { status, onShelf: status === TEMPLATE_ON_SHELF, vanishedAt: null };
        const existing = knownVersions.find((k) => k.templateId === p.miniAppId && k.version === v.templateVersion);
        // Not at a template's first sync: every version listed then would be "news".
        if (had && values.onShelf && !existing?.onShelf) summary.shelvedVersions.push({ templateId: p.miniAppId, name: p.appName || had.name, version: v.templateVersion });
        if (existing) tx.update(templateVersions).set(values).where(eq(templateVersions.id, existing.id)).run();
        else {
          tx.insert(templateVersions).values({ templateId: p.miniAppId, version: v.templateVersion, ...values }).run();
          summary.addedVersions.push({ templateId: p.miniAppId, version: v.templateVersion });
        }
      }
      for (const k of knownVersions)
        if (k.templateId === p.miniAppId && !seen.has(k.version) && !k.vanishedAt) {
          tx.update(templateVersions).set({ onShelf: false, vanishedAt: now }).where(eq(templateVersions.id, k.id)).run();
          summary.vanishedVersions.push({ templateId: k.templateId, version: k.version });
        }
    }
    for (const t of known.values())
      if (!listed.has(t.templateId) && !t.vanishedAt) {
        tx.update(templates).set({ vanishedAt: now }).where(eq(templates.templateId, t.templateId)).run();
        tx.update(templateVersions).set({ onShelf: false }).where(eq(templateVersions.templateId, t.templateId)).run();
        summary.vanishedTemplates.push(t.templateId);
      }
  });
  return summary;
}

/** Staff's own note on a template version (never sent to the platform). */
export function setVersionNote(db: Db, input: { templateId: string; version: string; note: string }): boolean {
  const updated = db
    .update(templateVersions)
    .set({ note: input.note.trim() || null })
    .where(and(eq(templateVersions.templateId, input.templateId), eq(templateVersions.version, input.version)))
    .returning({ id: templateVersions.id })
    .all();
  return updated.length > 0;
}

export type RegistryRefusal = 'duplicate' | 'templateNotFound' | 'versionNotFound';

// registerTemplate, addTemplateVersion and setVersionOnShelf write the registry directly. The console's pages no
// longer call them (templates come from the platform); they set up fixtures in tests.

export function registerTemplate(db: Db, input: { templateId: string; name: string }): { ok: true } | { ok: false; error: RegistryRefusal } {
  const inserted = db.insert(templates).values(input).onConflictDoNothing().returning({ id: templates.id }).all();
  return inserted.length ? { ok: true } : { ok: false, error: 'duplicate' };
}

export function addTemplateVersion(
  db: Db,
  input: { templateId: string; version: string; onShelf: boolean; note?: string | null },
): { ok: true } | { ok: false; error: RegistryRefusal } {
  if (!db.select({ id: templates.id }).from(templates).where(eq(templates.templateId, input.templateId)).get()) return { ok: false, error: 'templateNotFound' };
  const inserted = db
    .insert(templateVersions)
    .values({ templateId: input.templateId, version: input.version, status: input.onShelf ? TEMPLATE_ON_SHELF : 'OFFLINE', onShelf: input.onShelf, note: input.note || null })
    .onConflictDoNothing()
    .returning({ id: templateVersions.id })
    .all();
  return inserted.length ? { ok: true } : { ok: false, error: 'duplicate' };
}

export function setVersionOnShelf(db: Db, input: { templateId: string; version: string; onShelf: boolean }): { ok: true } | { ok: false; error: RegistryRefusal } {
  const updated = db
    .update(templateVersions)
    .set({ onShelf: input.onShelf, status: input.onShelf ? TEMPLATE_ON_SHELF : 'OFFLINE' })
    .where(and(eq(templateVersions.templateId, input.templateId), eq(templateVersions.version, input.version)))
    .returning({ id: templateVersions.id })
    .all();
  return updated.length ? { ok: true } : { ok: false, error: 'versionNotFound' };
}

/** Stores the template-level ext config; the caller has checked it with parseExtTemplate. */
export function saveExtTemplate(db: Db, templateId: string, extTemplate: string): boolean {
  const updated = db
    .update(templates)
    .set({ extTemplate, updatedAt: new Date() })
    .where(eq(templates.templateId, templateId))
    .returning({ id: templates.id })
    .all();
  return updated.length > 0;
}

// --- instances and the sync's record

/** One instance as instantiate.query lists it (lib/alipay/templates' TemplateInstance, fields already defaulted). */
export interface PlatformInstanceEntry {
  miniAppId: string;
  appName: string;
  templateId: string;
  templateVersion: string;
  latestVersion: string;
  latestVersionStatus: string;
  status: string;
}

/**
 * Stores what the platform listed. After a complete read, mini-programs it no longer lists are dropped (their
 * versions were deleted); after an incomplete one (page cap), rows are only added or updated.
 */
export function applyInstances(db: Db, list: readonly PlatformInstanceEntry[], opts: { complete: boolean; now?: Date }): void {
  const syncedAt = opts.now ?? new Date();
  db.transaction((tx) => {
    for (const i of list) {
      if (!i.miniAppId || !i.templateId) continue;
      const values = {
        appName: i.appName,
        templateId: i.templateId,
        templateVersion: i.templateVersion,
        latestVersion: i.latestVersion,
        latestVersionStatus: i.latestVersionStatus,
        status: i.status,
        syncedAt,
      };
      tx.insert(templateInstances)
        .values({ miniAppId: i.miniAppId, ...values })
        .onConflictDoUpdate({ target: templateInstances.miniAppId, set: values })
        .run();
    }
    if (opts.complete) {
      const ids = list.map((i) => i.miniAppId).filter(Boolean);
      tx.delete(templateInstances)
        .where(ids.length ? notInArray(templateInstances.miniAppId, ids) : undefined)
        .run();
    }
  });
}

/** How many mini-programs run each version of a template, as the platform reported at the last sync. */
export function instanceCountsByVersion(db: Db, templateId: string): Map<string, number> {
  const rows = db
    .select({ version: templateInstances.templateVersion, n: sql<number>`count(distinct ${templateInstances.miniAppId})` })
    .from(templateInstances)
    .where(eq(templateInstances.templateId, templateId))
    .groupBy(templateInstances.templateVersion)
    .all();
  return new Map(rows.map((r) => [r.version, Number(r.n)]));
}

export interface InstanceRow {
  miniAppId: string;
  /** The mini-program's name on the platform ("" when it sent none). */
  appName: string;
  templateVersion: string;
  latestVersion: string;
  latestVersionStatus: string;
  status: string;
  /** The console's merchant for this mini-program, when it has one. */
  merchantId: number | null;
  merchantName: string | null;
}

/** How many of a template's mini-programs are online, per template version (the platform's instance status). */
export function onlineCountsByVersion(db: Db, templateId: string): Map<string, number> {
  const rows = db
    .select({ version: templateInstances.templateVersion, n: sql<number>`count(*)` })
    .from(templateInstances)
    .where(and(eq(templateInstances.templateId, templateId), eq(templateInstances.status, 'ONLINE')))
    .groupBy(templateInstances.templateVersion)
    .all();
  return new Map(rows.map((r) => [r.version, Number(r.n)]));
}

/**
 * A template's instances with the console's merchant names, newest template version first: all of them, or one
 * page (`{ page, pageSize }`) with the total, so a fleet-sized list is never sent whole.
 */
export function listInstances(db: Db, templateId: string): InstanceRow[];
export function listInstances(db: Db, templateId: string, paging: { page: number; pageSize: number }): { rows: InstanceRow[]; total: number; page: number; pageSize: number };
export function listInstances(db: Db, templateId: string, paging?: { page: number; pageSize: number }) {
  const where = eq(templateInstances.templateId, templateId);
  const query = db.select().from(templateInstances).where(where).orderBy(desc(templateInstances.templateVersion), templateInstances.miniAppId);
  let total = 0;
  let page = 1;
  let rows;
  if (paging) {
    total = db.select({ n: count() }).from(templateInstances).where(where).get()?.n ?? 0;
    page = Math.max(1, Math.min(paging.page, Math.ceil(total / paging.pageSize) || 1));
    rows = query.limit(paging.pageSize).offset((page - 1) * paging.pageSize).all();
  } else rows = query.all();
  const ids = rows.map((r) => r.miniAppId);
  const owners = ids.length
    ? db
        .select({ authAppId: merchantApps.authAppId, merchantId: merchants.id, merchantName: merchants.name })
        .from(merchantApps)
        .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
        .where(and(inArray(merchantApps.authAppId, ids), isNull(merchants.archivedAt)))
        .all()
    : [];
  const byApp = new Map(owners.map((o) => [o.authAppId, o]));
  const out: InstanceRow[] = rows.map((r) => ({
    miniAppId: r.miniAppId,
    appName: r.appName,
    templateVersion: r.templateVersion,
    latestVersion: r.latestVersion,
    latestVersionStatus: r.latestVersionStatus,
    status: r.status,
    merchantId: byApp.get(r.miniAppId)?.merchantId ?? null,
    merchantName: byApp.get(r.miniAppId)?.merchantName ?? null,
  }));
  return paging ? { rows: out, total, page, pageSize: paging.pageSize } : out;
}

export function lastTemplateSync(db: Db): TemplateSyncRecord | null {
  return db.select().from(templateSyncs).where(eq(templateSyncs.id, 1)).get() ?? null;
}

export function recordTemplateSync(db: Db, patch: Omit<Partial<TemplateSyncRecord>, 'id'>): void {
  db.insert(templateSyncs)
    .values({ id: 1, ...patch })
    .onConflictDoUpdate({ target: templateSyncs.id, set: patch })
    .run();
}

/** Records that a mini-program now runs the given template version (see noteUploadedInstance). */
export function upsertUploadedInstance(
  db: Db,
  v: { miniAppId: string; appName?: string | null; templateId: string; templateVersion: string; appVersion: string },
  now: Date,
): void {
  const values = { templateId: v.templateId, templateVersion: v.templateVersion, latestVersion: v.appVersion, latestVersionStatus: 'INIT', syncedAt: now };
  db.insert(templateInstances)
    .values({ miniAppId: v.miniAppId, appName: v.appName ?? '', status: 'OFFLINE', ...values })
    .onConflictDoUpdate({ target: templateInstances.miniAppId, set: values })
    .run();
}

// --- each mini-program's own ext values and what it runs now

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
