// Pre-flight subjects from the console's records: merchants, their authorizations and the versions the console knows.
import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, merchants } from '@/db/schema';
import { blockedReason } from '@/lib/authorization/tokens';
import { listLiveVersions, toFacts } from '@/lib/versions/data';
import { busyApps } from './data';
import type { PreflightSubject } from './preflight';

/** `exceptPlanId`: a release plan loading its own wave (its members are not busy for it). */
export function loadSubjects(db: Db, merchantAppIds: readonly number[], opts: { exceptPlanId?: number } = {}): PreflightSubject[] {
  if (!merchantAppIds.length) return [];
  const rows = db
    .select({ app: merchantApps, merchant: merchants })
    .from(merchantApps)
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(inArray(merchantApps.id, [...merchantAppIds]))
    .all();
  const busy = new Set(
    busyApps(
      db,
      rows.map((r) => r.app.authAppId),
      opts,
    ),
  );
  return rows.map(({ app, merchant }) => ({
    merchantId: merchant.id,
    merchantAppId: app.id,
    authAppId: app.authAppId,
    merchantName: merchant.name,
    merchantPhone: merchant.mobile,
    merchantEmail: merchant.email,
    merchantContact: merchant.contactName,
    appName: app.appName,
    blocked: blockedReason(app, merchant),
    busy: busy.has(app.authAppId),
    versions: listLiveVersions(db, app.id).map(toFacts),
    nameLocked: app.nameFrozenAt !== null,
    categoryIds: app.categoryIds ? app.categoryIds.split(';').filter(Boolean) : [],
  }));
}

export interface OperableAppRow {
  merchantAppId: number;
  authAppId: string;
  appName: string | null;
  merchantName: string;
}

/** Authorized mini-programs of merchants not archived: what a batch can be run on. */
export function listOperableApps(db: Db): OperableAppRow[] {
  return db
    .select({ merchantAppId: merchantApps.id, authAppId: merchantApps.authAppId, appName: merchantApps.appName, merchantName: merchants.name })
    .from(merchantApps)
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(and(eq(merchantApps.status, 'authorized'), isNull(merchants.archivedAt)))
    .orderBy(asc(merchants.name))
    .all();
}
