// Reads and writes of the console's profile records: the mini-program's name and categories as last set, and the
// history of changes made from the console.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, profileChanges, type MerchantApp } from '@/db/schema';

export interface FieldChange {
  before: string | null;
  after: string | null;
}

/** The platform refuses a new name once the mini-program has been online: remembered so the form locks it. */
export function markNameFrozen(db: Db, merchantAppId: number, at: Date): void {
  db.update(merchantApps).set({ nameFrozenAt: at }).where(eq(merchantApps.id, merchantAppId)).run();
}

export function setAppName(db: Db, merchantAppId: number, appName: string): void {
  db.update(merchantApps).set({ appName }).where(eq(merchantApps.id, merchantAppId)).run();
}

/** A change the platform accepted: the mini-program's record and its history row, together. */
export function recordProfileChange(
  db: Db,
  { merchantAppId, app, change, now }: { merchantAppId: number; app: Pick<Partial<MerchantApp>, 'categoryIds' | 'appName'>; change: { actorId: number; actorEmail: string; changes: string; modifyStatus: string }; now: Date },
): void {
  db.transaction(
    () => {
      db.update(merchantApps)
        .set({ ...app, updatedAt: now })
        .where(eq(merchantApps.id, merchantAppId))
        .run();
      db.insert(profileChanges)
        .values({ merchantAppId, ...change, createdAt: now })
        .run();
    },
    { behavior: 'immediate' },
  );
}

export function listProfileChanges(db: Db, merchantAppId: number, limit = 50) {
  return db
    .select()
    .from(profileChanges)
    .where(eq(profileChanges.merchantAppId, merchantAppId))
    .orderBy(desc(profileChanges.createdAt), desc(profileChanges.id))
    .limit(limit)
    .all()
    .map((c) => ({ ...c, changes: JSON.parse(c.changes) as Record<string, FieldChange> }));
}
