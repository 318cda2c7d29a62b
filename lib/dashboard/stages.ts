// The merchant funnel's stages and the dashboard's "needs attention" groups, each as one SQL predicate on a merchant:
// the dashboard counts with it and the merchants list filters with it (`?stage=`), so a count and the list it links
// to can never disagree.
import { sql, type SQL } from 'drizzle-orm';
import { authorizationLinks, merchantApps, merchants, miniAppVersions } from '@/db/schema';
import { DEFAULT_WAIT_HOURS, type MerchantStage } from './stage-names';

export * from './stage-names';

/** Statuses of a version that has been submitted for audit at least once (or gone further). */
const SUBMITTED = ['AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE'];

export interface StageOptions {
  /** `rejected`: only rejections with this reason. */
  reason?: string;
  /** `auditWaiting`: in audit for more than this many hours. */
  hours?: number;
  now?: number;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * Merchants with an authorized mini-program holding a live version that matches `versionWhere`. Driven from the
 * versions of those statuses (mini_app_versions_status_idx covers status, deleted_at and the app) rather than from
 * every authorized app's versions.
 */
function withVersion(versionWhere: SQL): SQL {
  return sql`${merchants.id} IN (SELECT ${merchantApps.merchantId} FROM ${merchantApps} WHERE ${merchantApps.status} = 'authorized'
    AND ${merchantApps.id} IN (SELECT ${miniAppVersions.merchantAppId} FROM ${miniAppVersions} WHERE ${miniAppVersions.deletedAt} IS NULL AND ${versionWhere}))`;
}

export function stagePredicate(stage: MerchantStage, options: StageOptions = {}): SQL | undefined {
  switch (stage) {
    case 'recorded':
      return undefined;
    case 'linkSent':
      return sql`(${merchants.id} IN (SELECT ${authorizationLinks.merchantId} FROM ${authorizationLinks})
        OR ${merchants.id} IN (SELECT ${merchantApps.merchantId} FROM ${merchantApps}))`;
    case 'authorized':
      return sql`${merchants.id} IN (SELECT ${merchantApps.merchantId} FROM ${merchantApps} WHERE ${merchantApps.status} = 'authorized')`;
    case 'instantiated':
      // Any version at all: probing each authorized app's first version by index beats scanning every version.
      return sql`${merchants.id} IN (SELECT ${merchantApps.merchantId} FROM ${merchantApps} WHERE ${merchantApps.status} = 'authorized'
        AND EXISTS (SELECT 1 FROM ${miniAppVersions} WHERE ${miniAppVersions.merchantAppId} = ${merchantApps.id} AND ${miniAppVersions.deletedAt} IS NULL AND ${miniAppVersions.status} IS NOT NULL))`;
    case 'inAudit':
      return withVersion(sql`${miniAppVersions.status} IN (${list(SUBMITTED)})`);
    case 'online':
      return withVersion(sql`${miniAppVersions.status} = 'RELEASE'`);
    case 'rejected':
      return withVersion(
        options.reason !== undefined
          ? sql`${miniAppVersions.status} = 'AUDIT_REJECT' AND coalesce(${miniAppVersions.rejectReason}, '') = ${options.reason}`
          : sql`${miniAppVersions.status} = 'AUDIT_REJECT'`,
      );
    case 'auditWaiting': {
      const before = (options.now ?? Date.now()) - (options.hours ?? DEFAULT_WAIT_HOURS) * 3_600_000;
      return withVersion(sql`${miniAppVersions.status} = 'AUDITING' AND ${miniAppVersions.gmtApplyAudit} < ${before}`);
    }
    case 'authLost':
      // Cancelled or invalid authorizations, and tokens the last check or refresh found failing.
      return sql`${merchants.id} IN (SELECT ${merchantApps.merchantId} FROM ${merchantApps}
        WHERE ${merchantApps.status} IN ('cancelled', 'invalid')
          OR (${merchantApps.status} = 'authorized' AND (${merchantApps.lastCheckResult} = 'invalid' OR ${merchantApps.lastRefreshError} IS NOT NULL)))`;
  }
}
