// The platform's notifications and messages as stored on receipt (once per notify_id), and their processing state.
import { and, asc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { alipayNotifications, type AlipayNotification } from '@/db/schema';

/** Stores a verified notification; undefined when its notify_id was stored before (a replay). */
export function storeNotification(db: Db, row: { notifyId: string; kind: string; authAppId: string | null; payload: string }): { id: number } | undefined {
  return db
    .insert(alipayNotifications)
    .values(row)
    .onConflictDoNothing({ target: alipayNotifications.notifyId })
    .returning({ id: alipayNotifications.id })
    .get();
}

/** Stored notifications of these kinds received since `since` that no handler processed yet, oldest first. */
export function listUnprocessedNotifications(
  db: Db,
  { kinds, since, includeFailed, limit = 200 }: { kinds: string[]; since: Date; includeFailed: boolean; limit?: number },
): AlipayNotification[] {
  return db
    .select()
    .from(alipayNotifications)
    .where(
      and(
        inArray(alipayNotifications.kind, kinds),
        isNull(alipayNotifications.processedAt),
        includeFailed ? undefined : isNull(alipayNotifications.processError),
        gte(alipayNotifications.receivedAt, since),
      ),
    )
    .orderBy(asc(alipayNotifications.id))
    .limit(limit)
    .all();
}

export function markNotificationProcessed(db: Db, id: number, at: Date): void {
  db.update(alipayNotifications).set({ processedAt: at, processError: null }).where(eq(alipayNotifications.id, id)).run();
}

/** The handler's error stays on the row for a later retry (a redelivery would be refused as a replay). */
export function markNotificationFailed(db: Db, id: number, error: string): void {
  db.update(alipayNotifications)
    .set({ processError: error.slice(0, 1000) })
    .where(eq(alipayNotifications.id, id))
    .run();
}
