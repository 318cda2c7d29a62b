// The platform's instances of the provider's templates (instantiate.query), as the last sync stored them, and the
// sync's own record. Reads and writes only: no auth, no platform calls.
import { and, count, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, merchants, templateInstances, templateSyncs, type TemplateSyncRecord } from '@/db/schema';
import { latestOnShelf } from './registry';

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

/**
 * A version the console has just uploaded makes the mini-program an instance of that template version (a new upload
 * is always its highest version), so counts are right before the next sync, which stays the authority.
 */
export function noteUploadedInstance(
  db: Db,
  v: { miniAppId: string; appName?: string | null; templateId: string; templateVersion: string | null; appVersion: string },
  now: Date = new Date(),
): void {
  const templateVersion = v.templateVersion || latestOnShelf(db, v.templateId) || '';
  const values = { templateId: v.templateId, templateVersion, latestVersion: v.appVersion, latestVersionStatus: 'INIT', syncedAt: now };
  db.insert(templateInstances)
    .values({ miniAppId: v.miniAppId, appName: v.appName ?? '', status: 'OFFLINE', ...values })
    .onConflictDoUpdate({ target: templateInstances.miniAppId, set: values })
    .run();
}
