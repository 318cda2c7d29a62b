// Authorization links and authorized mini-programs: reads and writes. No authorization checks here.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { prepared } from '@/db/prepared';
import { authorizationLinks, merchantApps, merchants, oauthStateUses, users, type AuthorizationLink, type Merchant, type MerchantApp } from '@/db/schema';

type NewAuthorizationLink = typeof authorizationLinks.$inferInsert;

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
export function insertLink(db: Db, values: NewAuthorizationLink): AuthorizationLink {
  return db.insert(authorizationLinks).values(values).returning().get();
}

export function markLinkOpened(db: Db, linkId: number, now: Date = new Date()): void {
  db.update(authorizationLinks).set({ lastOpenedAt: now }).where(eq(authorizationLinks.id, linkId)).run();
}

export function markLinkUsed(db: Db, linkId: number, now: Date): void {
  db.update(authorizationLinks).set({ lastUsedAt: now }).where(eq(authorizationLinks.id, linkId)).run();
}

export function revokeLink(db: Db, linkId: number, now: Date): AuthorizationLink {
  return db.update(authorizationLinks).set({ revokedAt: now }).where(eq(authorizationLinks.id, linkId)).returning().get();
}

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

/** The mini-programs with their merchants (in no particular order). */
export function listAppsWithMerchants(db: Db, merchantAppIds: readonly number[]): { app: MerchantApp; merchant: Merchant }[] {
  return db
    .select({ app: merchantApps, merchant: merchants })
    .from(merchantApps)
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(inArray(merchantApps.id, [...merchantAppIds]))
    .all();
}

export function findMerchantAppByAuthAppId(db: Db, authAppId: string): MerchantApp | undefined {
  return db.select().from(merchantApps).where(eq(merchantApps.authAppId, authAppId)).get();
}

/** Writes only while the mini-program is still authorized (a cancellation meanwhile wins). */
export function updateAuthorizedApp(db: Db, id: number, patch: Partial<Omit<MerchantApp, 'id' | 'createdAt'>>): void {
  db.update(merchantApps)
    .set(patch)
    .where(and(eq(merchantApps.id, id), eq(merchantApps.status, 'authorized')))
    .run();
}

export function insertMerchantApp(db: Db, values: typeof merchantApps.$inferInsert): void {
  db.insert(merchantApps).values(values).run();
}

/** `updatedAt` is now unless the patch gives the time of the change. */
export function updateMerchantApp(db: Db, id: number, patch: Partial<Omit<MerchantApp, 'id' | 'createdAt'>>): void {
  db.update(merchantApps)
    .set({ updatedAt: new Date(), ...patch })
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

/** Records an OAuth state's use (and drops the expired ones); false when it was used before. */
export function insertStateUse(db: Db, use: { nonce: string; linkId: number; usedAt: Date; expiresAt: Date }): boolean {
  db.delete(oauthStateUses).where(lt(oauthStateUses.expiresAt, use.usedAt)).run();
  return db.insert(oauthStateUses).values(use).onConflictDoNothing().run().changes === 1;
}
