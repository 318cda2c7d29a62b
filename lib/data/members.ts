// Reads and writes of the console's own member records (remark, inviter) and page-code / QR-rule records.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { memberNotes, merchantApps, merchants, pageCodes, qrRoutePages, type MemberNote, type NewPageCodeRow } from '@/db/schema';

export function listMemberNotes(db: Db, merchantAppId: number): MemberNote[] {
  return db.select().from(memberNotes).where(eq(memberNotes.merchantAppId, merchantAppId)).all();
}

/** A new invitation replaces any earlier note for the same account and role (e.g. after a refusal). */
export function upsertMemberNote(
  db: Db,
  note: { merchantAppId: number; role: string; logonId: string; remark: string | null; invitedById: number | null; invitedByEmail: string | null; batchId?: number | null },
  now: Date,
): void {
  db.insert(memberNotes)
    .values({ ...note, userId: null, createdAt: now })
    .onConflictDoUpdate({
      target: [memberNotes.merchantAppId, memberNotes.role, memberNotes.logonId],
      set: { remark: note.remark, invitedById: note.invitedById, invitedByEmail: note.invitedByEmail, batchId: note.batchId ?? null, userId: null, createdAt: now, updatedAt: now },
    })
    .run();
}

export function linkMemberNote(db: Db, id: number, userId: string): void {
  db.update(memberNotes).set({ userId }).where(eq(memberNotes.id, id)).run();
}

export function setMemberRemark(db: Db, where: { merchantAppId: number; role: string; userId?: string; logonId?: string }, remark: string | null, now: Date): number {
  const match = where.userId ? eq(memberNotes.userId, where.userId) : eq(memberNotes.logonId, where.logonId ?? '');
  return db
    .update(memberNotes)
    .set({ remark, updatedAt: now })
    .where(and(eq(memberNotes.merchantAppId, where.merchantAppId), eq(memberNotes.role, where.role), match))
    .run().changes;
}

/** A member the console never invited (e.g. added on the open platform): a note created to carry a remark. */
export function insertLinkedNote(db: Db, note: { merchantAppId: number; role: string; userId: string; logonId: string; remark: string | null }, now: Date): void {
  db.insert(memberNotes).values({ ...note, createdAt: now, updatedAt: now }).onConflictDoNothing().run();
}

export function deleteMemberNotes(db: Db, where: { merchantAppId: number; role: string; userId?: string; logonId?: string }): void {
  const conds = [eq(memberNotes.merchantAppId, where.merchantAppId), eq(memberNotes.role, where.role)];
  if (where.userId) conds.push(eq(memberNotes.userId, where.userId));
  else if (where.logonId) conds.push(eq(memberNotes.logonId, where.logonId), isNull(memberNotes.userId));
  else return;
  db.delete(memberNotes).where(and(...conds)).run();
}

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
