// Reads and writes of the console's profile records: the mini-program's name and categories as last set, and the
// history of changes made from the console, and the stored snapshot of what the platform last said.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, miniAppSnapshots, profileChanges, type MerchantApp, type MiniAppSnapshotRow } from '@/db/schema';

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

export function findSnapshot(db: Db, merchantAppId: number): MiniAppSnapshotRow | undefined {
  return db.select().from(miniAppSnapshots).where(eq(miniAppSnapshots.merchantAppId, merchantAppId)).get();
}

export function upsertBaseInfoSnapshot(db: Db, merchantAppId: number, baseInfo: string, at: Date): void {
  db.insert(miniAppSnapshots)
    .values({ merchantAppId, baseInfo, fetchedAt: at })
    .onConflictDoUpdate({ target: miniAppSnapshots.merchantAppId, set: { baseInfo, fetchedAt: at } })
    .run();
}

export function upsertOnlineVersion(db: Db, merchantAppId: number, onlineVersion: string | null, at: Date): void {
  db.insert(miniAppSnapshots)
    .values({ merchantAppId, onlineVersion, onlineFetchedAt: at })
    .onConflictDoUpdate({ target: miniAppSnapshots.merchantAppId, set: { onlineVersion, onlineFetchedAt: at } })
    .run();
}

/** Keeps what was stored (still shown) but has the next view read the platform again. */
export function markSnapshotStale(db: Db, merchantAppId: number, part: 'baseInfo' | 'onlineVersion'): void {
  db.update(miniAppSnapshots)
    .set(part === 'baseInfo' ? { fetchedAt: null } : { onlineFetchedAt: null })
    .where(eq(miniAppSnapshots.merchantAppId, merchantAppId))
    .run();
}
