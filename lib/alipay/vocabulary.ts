// The platform's words for a version's life, defined once (contract §4 "Versions"): the console's records, the one
// rule (lib/versions/operations), the typed client and every page read them from here. Pure: safe in the browser.

/** `version_status` values the contract names. Others may come (§8): the console shows them raw. */
export const VERSION_STATUSES = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
/** A status as the platform sent it: a known one, or an unknown one kept raw (§8). */
export type AnyVersionStatus = VersionStatus | (string & {});

export function isKnownVersionStatus(status: string | null | undefined): status is VersionStatus {
  return status !== null && status !== undefined && (VERSION_STATUSES as readonly string[]).includes(status);
}

/** `gray_strategy`: the share of users that gets a gray version. */
/** The Alipay wallet's bundle: the one client the console's versions are built for. */
export const DEFAULT_BUNDLE_ID = 'com.alipay.alipaywallet';

export const GRAY_STRATEGIES = ['p10', 'p30', 'p50'] as const;
export type GrayStrategy = (typeof GRAY_STRATEGIES)[number];
export const GRAY_PERCENT: Record<GrayStrategy, number> = { p10: 10, p30: 30, p50: 50 };

/** `build_status` / `create_status` codes; create_status also uses VERSION_CREATED. */
export const BUILD_STATUS = { QUEUED: 0, BUILDING: 1, SUCCESS: 2, FAILED: 3, TIMEOUT: 5, VERSION_CREATED: 6 } as const;

/** baseinfo.modify's `modify_status` values the sandbox uses; the real ones are undocumented (§4 Base info). */
export const MODIFY_STATUSES = ['EFFECTIVE', 'AUDITING'] as const;
export const isKnownModifyStatus = (s: string): s is (typeof MODIFY_STATUSES)[number] => (MODIFY_STATUSES as readonly string[]).includes(s);
