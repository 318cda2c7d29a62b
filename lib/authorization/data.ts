// Authorization links and authorized mini-programs: reads and writes. No authorization checks here.
import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { prepared } from '@/db/prepared';
import { authorizationLinks, merchantApps, users, type AuthorizationLink, type MerchantApp } from '@/db/schema';

export function findLinkByHash(db: Db, tokenHash: string): AuthorizationLink | undefined {
  return db.select().from(authorizationLinks).where(eq(authorizationLinks.tokenHash, tokenHash)).get();
}

export function findLink(db: Db, id: number): AuthorizationLink | undefined {
  return db.select().from(authorizationLinks).where(eq(authorizationLinks.id, id)).get();
}

export function listLinks(db: Db, merchantId: number, limit = 20) {
  return db
    .select({ link: authorizationLinks, createdBy: users.name })
    .from(authorizationLinks)
    .leftJoin(users, eq(users.id, authorizationLinks.createdById))
    .where(eq(authorizationLinks.merchantId, merchantId))
    .orderBy(desc(authorizationLinks.createdAt), desc(authorizationLinks.id))
    .limit(limit)
    .all();
}

/** Revokes every link of the merchant still open at `now`; returns how many. */
export function revokeOpenLinks(db: Db, merchantId: number, now: Date): number {
  return db
    .update(authorizationLinks)
    .set({ revokedAt: now })
    .where(and(eq(authorizationLinks.merchantId, merchantId), isNull(authorizationLinks.revokedAt), gt(authorizationLinks.expiresAt, now)))
    .run().changes;
}

export function listMerchantApps(db: Db, merchantId: number): MerchantApp[] {
  return db.select().from(merchantApps).where(eq(merchantApps.merchantId, merchantId)).orderBy(asc(merchantApps.id)).all();
}

export function findMerchantApp(db: Db, id: number): MerchantApp | undefined {
  return prepared(db, 'merchantApps.find', (d) => d.select().from(merchantApps).where(eq(merchantApps.id, sql.placeholder('id'))).prepare()).get({ id });
}

export function findMerchantAppByAuthAppId(db: Db, authAppId: string): MerchantApp | undefined {
  return db.select().from(merchantApps).where(eq(merchantApps.authAppId, authAppId)).get();
}

export function updateMerchantApp(db: Db, id: number, patch: Partial<Omit<MerchantApp, 'id' | 'createdAt'>>): void {
  db.update(merchantApps)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(merchantApps.id, id))
    .run();
}

/** Authorized mini-programs whose refresh token (or token) ends before `horizon`: the refresher renews these. */
export function appsDueForRefresh(db: Db, horizon: Date, limit: number): MerchantApp[] {
  return db
    .select()
    .from(merchantApps)
    .where(and(eq(merchantApps.status, 'authorized'), or(lte(merchantApps.refreshExpiresAt, horizon), lte(merchantApps.tokenExpiresAt, horizon))))
    .orderBy(asc(merchantApps.refreshExpiresAt))
    .limit(limit)
    .all();
}

/** Authorized mini-programs not checked with token.app.query since `before`, oldest check first. */
export function appsDueForCheck(db: Db, before: Date, limit: number): MerchantApp[] {
  return db
    .select()
    .from(merchantApps)
    .where(and(eq(merchantApps.status, 'authorized'), or(isNull(merchantApps.lastCheckedAt), lte(merchantApps.lastCheckedAt, before))))
    .orderBy(sql`${merchantApps.lastCheckedAt} IS NOT NULL`, asc(merchantApps.lastCheckedAt))
    .limit(limit)
    .all();
}
