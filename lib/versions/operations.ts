// Which operations a version offers, by the contract's transition table (§4 "Versions"). The one place this is
// decided: the Versions tab shows buttons from it and every server action refuses with it. Pure, no I/O.
// Reasons are catalog keys under `versions.reasons`.
import type { AppVersionStatus, BuildStateName, ExperienceStateName, StoredVersionStatus } from '@/db/schema-versions';

export const VERSION_OPERATIONS = [
  'setExperience',
  'cancelExperience',
  'submitAudit',
  'cancelAudit',
  'backToDev',
  'grayRelease',
  'widenGray',
  'endGray',
  'online',
  'offline',
  'rollback',
  'delete',
] as const;
export type VersionOperation = (typeof VERSION_OPERATIONS)[number];

import { GRAY_PERCENT, GRAY_STRATEGIES, isKnownVersionStatus, type GrayStrategy } from '@/lib/alipay/vocabulary';

export { GRAY_PERCENT, GRAY_STRATEGIES, type GrayStrategy };

/** What the rule needs to know about a version (the console's copy of the platform's state). */
export interface VersionFacts {
  appVersion: string;
  /** Null while the platform has not confirmed the upload. */
  status: StoredVersionStatus | null;
  buildStatus: BuildStateName | null;
  experience: ExperienceStateName;
  grayStrategy: GrayStrategy | null;
  /** list.query's can_release; null when the platform did not send it (only BASE_PROMOTE audits carry it, §4). */
  canRelease: boolean | null;
  onlineByRollback: boolean;
  /** A call of unknown outcome is outstanding on this version. */
  pending?: boolean;
}

export type Availability =
  | { state: 'allowed' }
  /** Offered but refused, with the reason shown beside the control. */
  | { state: 'disabled'; reason: string; params?: Record<string, string> }
  /** Not offered for this status at all. */
  | { state: 'hidden'; reason: string; params?: Record<string, string> };

const allowed: Availability = { state: 'allowed' };
const disabled = (reason: string, params?: Record<string, string>): Availability => ({ state: 'disabled', reason: `versions.reasons.${reason}`, params });
const hidden = (reason: string, params?: Record<string, string>): Availability => ({ state: 'hidden', reason: `versions.reasons.${reason}`, params });

/** Numeric `x.y.z` comparison (missing parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length, 3); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export const VERSION_NUMBER = /^\d{1,6}\.\d{1,6}\.\d{1,6}$/;

/** The next version proposed for an upload: the highest existing one with its last part plus one. */
export function nextAppVersion(existing: readonly string[]): string {
  const valid = existing.filter((v) => VERSION_NUMBER.test(v));
  if (!valid.length) return '1.0.0';
  const highest = [...valid].sort(compareVersions).at(-1)!;
  const [major, minor, patch] = highest.split('.').map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

const isBuilt = (v: VersionFacts) => v.buildStatus === null || v.buildStatus === 'success';
const isBuilding = (v: VersionFacts) => v.buildStatus === 'queued' || v.buildStatus === 'building';

const EXPERIENCE_FROM: readonly AppVersionStatus[] = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS'];
/** Statuses in which another version blocks a new submission (CAN_NOT_SUBMIT_WITH_AUDIT_GRAY). */
const BLOCKS_SUBMISSION: readonly AppVersionStatus[] = ['AUDITING', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'AUDIT_REJECT', 'GRAY'];
/** A status beyond the contract's list blocks submission too: what it allows is unknown, the platform decides. */
const blocksSubmission = (s: StoredVersionStatus | null) => s !== null && (!isKnownVersionStatus(s) || BLOCKS_SUBMISSION.includes(s));

/** Whether `op` is offered for `version`, given the other live versions of the same mini-program and client. */
export function operationAvailability(op: VersionOperation, version: VersionFacts, siblings: readonly VersionFacts[]): Availability {
  const others = siblings.filter((s) => s.appVersion !== version.appVersion);
  const status = version.status;
  if (status === null) return hidden('notConfirmed');
  // §8: a status the contract does not name is shown raw and nothing that depends on it is offered.
  if (!isKnownVersionStatus(status)) return hidden('unknownStatus', { status });
  if (version.pending) return disabled('pending');
  const gray = others.find((s) => s.status === 'GRAY');

  switch (op) {
    case 'setExperience': {
      if (!EXPERIENCE_FROM.includes(status)) return hidden('experienceStatus');
      if (version.experience !== 'none') return hidden('alreadyExperience');
      if (isBuilding(version)) return disabled('building');
      if (!isBuilt(version)) return hidden('buildFailed');
      const current = others.find((s) => s.experience !== 'none');
      if (current) return disabled('otherExperience', { version: current.appVersion });
      return allowed;
    }
    case 'cancelExperience':
      if (version.experience === 'none') return hidden('notExperience');
      if (version.experience === 'packaging') return disabled('experiencePackaging');
      return allowed;
    case 'submitAudit': {
      if (status !== 'INIT') return hidden('onlyDevelopment');
      if (isBuilding(version)) return disabled('building');
      if (!isBuilt(version)) return disabled('buildFailed');
      const blocking = others.find((s) => blocksSubmission(s.status));
      if (blocking) return disabled('otherInProgress', { version: blocking.appVersion, status: blocking.status! });
      const online = others.find((s) => s.status === 'RELEASE');
      if (online && compareVersions(online.appVersion, version.appVersion) > 0) return disabled('lowerThanOnline', { version: online.appVersion });
      return allowed;
    }
    case 'cancelAudit':
      return status === 'AUDITING' ? allowed : hidden('onlyAuditing');
    case 'backToDev':
      return status === 'WAIT_RELEASE' || status === 'BASE_AUDIT_PASS' || status === 'AUDIT_REJECT' ? allowed : hidden('onlyAudited');
    case 'grayRelease':
      if (status === 'WAIT_RELEASE') return allowed;
      // Sandbox rule, unverified on the real platform: gray from BASE_AUDIT_PASS only with can_release=true.
      if (status === 'BASE_AUDIT_PASS') return version.canRelease === true ? allowed : disabled('noPromote');
      return hidden('onlyPassed');
    case 'widenGray':
      if (status !== 'GRAY') return hidden('onlyGray');
      if (version.grayStrategy === 'p50') return disabled('grayAtMost');
      return allowed;
    case 'endGray':
      return status === 'GRAY' ? allowed : hidden('onlyGray');
    case 'online':
      // can_release never gates WAIT_RELEASE or GRAY (§4): gray first is recommended, not required.
      if (status === 'GRAY' || status === 'WAIT_RELEASE') return allowed;
      // BASE_AUDIT_PASS: refused only when the platform said exactly false; absent → let the user try.
      if (status === 'BASE_AUDIT_PASS') return version.canRelease === false ? disabled('noPromote') : allowed;
      return hidden('onlyGrayOrPassed');
    case 'offline':
      if (status !== 'RELEASE') return hidden('onlyOnline');
      if (gray) return disabled('grayRunningOffline', { version: gray.appVersion });
      return allowed;
    case 'rollback':
      if (status !== 'RELEASE') return hidden('onlyOnline');
      if (gray) return disabled('grayRunningRollback', { version: gray.appVersion });
      if (version.onlineByRollback) return disabled('afterRollback');
      if (!others.some((s) => s.status === 'OFFLINE')) return disabled('firstRelease');
      return allowed;
    case 'delete':
      if (status !== 'INIT') return hidden('onlyDevelopment');
      if (version.experience !== 'none') return disabled('deleteExperience');
      if (isBuilding(version)) return disabled('building');
      return allowed;
  }
}

/** Every operation's availability for one version. */
export function availableOperations(version: VersionFacts, siblings: readonly VersionFacts[]): Record<VersionOperation, Availability> {
  return Object.fromEntries(VERSION_OPERATIONS.map((op) => [op, operationAvailability(op, version, siblings)])) as Record<VersionOperation, Availability>;
}

/** The gray strategies a version may move to: any to start, only wider ones while gray runs (never narrower). */
export function grayChoices(version: Pick<VersionFacts, 'status' | 'grayStrategy'>): GrayStrategy[] {
  if (version.status === 'WAIT_RELEASE' || version.status === 'BASE_AUDIT_PASS') return [...GRAY_STRATEGIES];
  if (version.status === 'GRAY') {
    const current = version.grayStrategy ? GRAY_PERCENT[version.grayStrategy] : 0;
    return GRAY_STRATEGIES.filter((s) => GRAY_PERCENT[s] > current);
  }
  return [];
}

/** The status a successful operation leaves the version in: how a timed-out call is recognised as applied. */
export function expectedEffect(op: VersionOperation, grayStrategy?: GrayStrategy): (v: VersionFacts | undefined) => boolean {
  switch (op) {
    case 'setExperience':
      return (v) => v?.experience !== 'none' && v?.experience !== undefined;
    case 'cancelExperience':
      return (v) => v?.experience === 'none';
    case 'submitAudit':
      return (v) => v?.status === 'AUDITING' || v?.status === 'WAIT_RELEASE' || v?.status === 'BASE_AUDIT_PASS' || v?.status === 'AUDIT_REJECT' || v?.status === 'RELEASE';
    case 'cancelAudit':
    case 'backToDev':
      return (v) => v?.status === 'INIT';
    case 'grayRelease':
    case 'widenGray':
      return (v) => v?.status === 'GRAY' && (!grayStrategy || v.grayStrategy === grayStrategy);
    case 'endGray':
      return (v) => v?.status === 'WAIT_RELEASE' || v?.status === 'BASE_AUDIT_PASS';
    case 'online':
      return (v) => v?.status === 'RELEASE';
    case 'offline':
    case 'rollback':
      return (v) => v?.status === 'OFFLINE';
    case 'delete':
      return (v) => v === undefined;
  }
}
