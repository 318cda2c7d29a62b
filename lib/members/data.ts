// Reads and writes of the console's own member records (remark, inviter); the platform's member list is read live.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { memberNotes, type MemberNote } from '@/db/schema';

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
