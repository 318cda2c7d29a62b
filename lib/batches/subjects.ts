// Pre-flight subjects from the console's records: merchants, their authorizations and the versions the console knows.
import 'server-only';
import type { Db } from '@/db';
import { listAppsWithMerchants } from '@/lib/authorization/data';
import { blockedReason } from '@/lib/authorization/tokens';
import { listLiveVersions, toFacts } from '@/lib/versions/data';
import { busyApps } from './data';
import type { PreflightSubject } from './preflight';

/** `exceptPlanId`: a release plan loading its own wave (its members are not busy for it). */
export function loadSubjects(db: Db, merchantAppIds: readonly number[], opts: { exceptPlanId?: number } = {}): PreflightSubject[] {
  if (!merchantAppIds.length) return [];
  const rows = listAppsWithMerchants(db, merchantAppIds);
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
