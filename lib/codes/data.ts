// Reads and writes of the console's page-code history and ordinary-QR rules' pages (the platform does not return them).
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, merchants, pageCodes, qrRoutePages, type NewPageCodeRow } from '@/db/schema';

// ── Page codes ──────────────────────────────────────────────────────────────────────────────────────────────

export function insertPageCode(db: Db, row: NewPageCodeRow): number {
  return Number(db.insert(pageCodes).values(row).run().lastInsertRowid);
}

export function listPageCodes(db: Db, merchantAppId: number, limit = 200) {
  return db.select().from(pageCodes).where(eq(pageCodes.merchantAppId, merchantAppId)).orderBy(desc(pageCodes.createdAt), desc(pageCodes.id)).limit(limit).all();
}

export function findPageCode(db: Db, id: number) {
  return db.select().from(pageCodes).where(eq(pageCodes.id, id)).get();
}

/** The code a batch generated for one mini-program, if it did already (a repeated step records it once). */
export function findBatchPageCode(db: Db, batchId: number, merchantAppId: number) {
  return db
    .select({ id: pageCodes.id })
    .from(pageCodes)
    .where(and(eq(pageCodes.batchId, batchId), eq(pageCodes.merchantAppId, merchantAppId)))
    .get();
}

/** A page-code batch's codes with the merchant each belongs to, for the zip download. */
export function listBatchCodeEntries(db: Db, batchId: number) {
  return db
    .select({ merchantName: merchants.name, authAppId: merchantApps.authAppId, code: pageCodes })
    .from(pageCodes)
    .innerJoin(merchantApps, eq(merchantApps.id, pageCodes.merchantAppId))
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(eq(pageCodes.batchId, batchId))
    .orderBy(merchants.name, pageCodes.id)
    .all();
}

// ── Ordinary-QR rules' pages ───────────────────────────────────────────────────────────────────────────────

export function listRoutePages(db: Db, merchantAppId: number) {
  return db.select().from(qrRoutePages).where(eq(qrRoutePages.merchantAppId, merchantAppId)).all();
}

export function insertRoutePage(
  db: Db,
  row: { merchantAppId: number; routeGroup: string; routeUrl: string; mode: string; pageRedirection: string; createdById: number | null; createdByEmail: string },
  now: Date,
): void {
  db.insert(qrRoutePages)
    .values({ ...row, createdAt: now })
    .onConflictDoUpdate({ target: [qrRoutePages.merchantAppId, qrRoutePages.routeGroup], set: { routeUrl: row.routeUrl, mode: row.mode, pageRedirection: row.pageRedirection } })
    .run();
}

export function deleteRoutePage(db: Db, merchantAppId: number, routeGroup: string): void {
  db.delete(qrRoutePages).where(and(eq(qrRoutePages.merchantAppId, merchantAppId), eq(qrRoutePages.routeGroup, routeGroup))).run();
}
