// Keeping the console's copy of a mini-program's versions true to the platform (contract §6: messages can be lost,
// a poll reconciles). Reads version.list.query, then detail/build/experience queries only where they tell more;
// every disagreement is corrected, kept in the version's history and written to the operation log.
import { LRUCache } from 'lru-cache';
import 'server-only';
import { AlipayError } from '@/lib/alipay/errors';
import { queryExperience, type ExperienceState } from '@/lib/alipay/experience';
import { BUILD_STATUS, getVersionDetail, listVersions, queryBuild, type BuildState, type VersionDetail, type VersionInfo, type VersionStatus, type AnyVersionStatus } from '@/lib/alipay/versions';
import type { BuildStateName, MiniAppVersion } from '@/db/schema';
import { DEFAULT_BUNDLE_ID } from '@/lib/alipay/vocabulary';
import { addEvent, findVersion, insertVersion, latestSubmission, listLiveVersions, removeVersionRow, updateVersion } from './data';
import type { VersionDeps } from './deps';
import { logCorrection, publishSubmittedInfo, recordAuditDecision, recordBuildEnd } from './history';
import { isLocked, versionKey } from './in-flight';
import { GRAY_STRATEGIES, type GrayStrategy } from './operations';
import { parsePlatformTime } from './time';
import { storeOnlineVersion } from '@/lib/profile/snapshot';

/** list.query answers at most this many versions; when full, the statuses are asked for in groups. */
const LIST_LIMIT = 20;
const STATUS_GROUPS: VersionStatus[][] = [['INIT'], ['AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE'], ['OFFLINE', 'AUDIT_OFFLINE']];
/** An upload the platform never confirmed is forgotten after this long (it did not happen). */
const UNCONFIRMED_UPLOAD_TTL_MS = 2 * 60_000;

export type SyncReason = 'open' | 'poll' | 'operation' | 'notification';

export interface SyncOptions {
  reason: SyncReason;
  /** Also ask for the experience state of every version that could be one (the manual "refresh"). */
  full?: boolean;
}

export interface Correction {
  appVersion: string;
  from: AnyVersionStatus | null;
  /** A status, or DELETED when the version is gone from the platform. */
  to: AnyVersionStatus | 'DELETED';
  /** An audit decision learnt before (or instead of) its message: expected, not worth a banner. */
  decision: boolean;
}

export interface SyncResult {
  /** What the platform said that the console's copy did not. */
  corrections: Correction[];
}

export function buildStateOf(b: BuildState): BuildStateName {
  switch (b.buildStatus) {
    case BUILD_STATUS.SUCCESS:
      return 'success';
    case BUILD_STATUS.FAILED:
      return 'failed';
    case BUILD_STATUS.TIMEOUT:
      return 'timeout';
    case BUILD_STATUS.QUEUED:
      return 'queued';
    default:
      return 'building';
  }
}

export function experienceStateOf(e: ExperienceState): Pick<MiniAppVersion, 'experience' | 'expQrCodeUrl' | 'expSchemaUrl'> {
  if (e.status === 'expVersionPackged') return { experience: 'packaged', expQrCodeUrl: e.expQrCodeUrl ?? null, expSchemaUrl: e.expSchemaUrl ?? null };
  if (e.status === 'expVersionPackaging') return { experience: 'packaging', expQrCodeUrl: null, expSchemaUrl: null };
  return { experience: 'none', expQrCodeUrl: null, expSchemaUrl: null };
}

const asGray = (s: string | undefined): GrayStrategy | null => ((GRAY_STRATEGIES as readonly string[]).includes(s ?? '') ? (s as GrayStrategy) : null);

/** The row's fields as version.detail.query reports them. */
export function detailPatch(d: VersionDetail, now: Date): Partial<MiniAppVersion> {
  return {
    status: d.status,
    rejectReason: d.status === 'AUDIT_REJECT' ? (d.rejectReason ?? null) : null,
    grayStrategy: d.status === 'GRAY' ? asGray(d.grayStrategy) : null,
    versionDesc: d.versionDesc ?? null,
    gmtCreate: parsePlatformTime(d.gmtCreate),
    gmtApplyAudit: parsePlatformTime(d.gmtApplyAudit),
    gmtAuditEnd: parsePlatformTime(d.gmtAuditEnd),
    gmtOnline: parsePlatformTime(d.gmtOnline),
    gmtOffline: parsePlatformTime(d.gmtOffline),
    detailSyncedAt: now,
  };
}

// detail.query's "gone" is exactly MINIAPP_VERSION_NOT_EXSIT (§4, a sandbox rule): any other error leaves the row.
const isNotFound = (e: unknown, ...codes: string[]) => e instanceof AlipayError && !!e.subCode && codes.includes(e.subCode);

async function listAll(deps: VersionDeps, appAuthToken: string): Promise<VersionInfo[]> {
  const first = await listVersions({ appAuthToken }, deps.client);
  let infos = first;
  if (first.length >= LIST_LIMIT) {
    const groups = await Promise.all(STATUS_GROUPS.map((g) => listVersions({ appAuthToken, versionStatuses: g }, deps.client)));
    const seen = new Map<string, VersionInfo>();
    for (const info of groups.flat()) seen.set(info.appVersion, info);
    infos = [...seen.values()];
  }
  return infos.filter((i) => !i.bundleId || i.bundleId === DEFAULT_BUNDLE_ID);
}

interface Change {
  row: MiniAppVersion;
  from: AnyVersionStatus | null;
  note?: string;
}

/** Records what a status change found by reconciliation means: a decision, or a plain correction. */
function recordChange(deps: VersionDeps, change: Change, after: MiniAppVersion, out: Correction[]): void {
  const { db } = deps;
  const to = after.status!;
  const decision = change.from === 'AUDITING' && to !== 'INIT';
  // Submitted elsewhere (Alipay's own site, or a call whose answer was lost): a new audit round began. Only a
  // development version can be submitted, so a return to AUDITING from a decided state is a correction, not a round.
  if (to === 'AUDITING' && (change.from === 'INIT' || change.from === null)) after = updateVersion(deps.db, after.id, { auditRound: after.auditRound + 1 });
  out.push({ appVersion: after.appVersion, from: change.from, to, decision });
  if (to === 'RELEASE') publishSubmittedInfo(db, after);
  // Going online by itself after passing was asked for at submission: expected, not a disagreement.
  const autoOnline = change.from === 'WAIT_RELEASE' && to === 'RELEASE' && latestSubmission(db, after.id)?.autoOnline === true;
  if (autoOnline) {
    addEvent(db, { versionId: after.id, kind: 'online', source: 'reconciliation', detail: { autoOnline: true } });
    return;
  }
  logCorrection(db, after, change.from, to, change.note);
  if (change.from === 'AUDITING' && (to === 'WAIT_RELEASE' || to === 'AUDIT_REJECT' || to === 'GRAY' || to === 'RELEASE')) {
    // The history is ordered by when the console learnt things; the platform's own time is on the version.
    recordAuditDecision(db, after, { passed: to !== 'AUDIT_REJECT', reason: after.rejectReason }, 'reconciliation');
    if (to === 'RELEASE') addEvent(db, { versionId: after.id, kind: 'online', source: 'reconciliation', detail: { autoOnline: true } });
    return;
  }
  addEvent(db, { versionId: after.id, kind: 'corrected', source: 'reconciliation', reason: change.note ?? null, detail: { from: change.from, to } });
}

async function runSync(deps: VersionDeps, merchantAppId: number, opts: SyncOptions): Promise<SyncResult> {
  const { db, client } = deps;
  const { app, appAuthToken } = deps.operable(merchantAppId);
  const scope = { appAuthToken };
  const now = deps.now();
  const corrections: Correction[] = [];
  const infos = await listAll(deps, appAuthToken);
  // The whole list was read: the overview's online version needs no read of its own.
  storeOnlineVersion(db, merchantAppId, infos.find((i) => i.versionStatus === 'RELEASE')?.appVersion ?? null, now);
  const local = listLiveVersions(db, merchantAppId);
  const needDetail = new Set<string>();
  const changes: Change[] = [];

  for (const info of infos) {
    const row = local.find((r) => r.appVersion === info.appVersion) ?? findVersion(db, merchantAppId, info.appVersion);
    if (!row) {
      const created = insertVersion(db, {
        merchantAppId,
        authAppId: app.authAppId,
        appVersion: info.appVersion,
        status: info.versionStatus,
        versionDesc: info.versionDescription ?? null,
        gmtCreate: parsePlatformTime(info.createTime),
        canRelease: info.canRelease ?? false,
        canReleaseReported: info.canRelease !== undefined,
        syncedAt: now,
      });
      changes.push({ row: { ...created, status: null }, from: null, note: '平台上新发现的版本' });
      needDetail.add(info.appVersion);
      continue;
    }
    const patch: Partial<MiniAppVersion> = { canRelease: info.canRelease ?? false, canReleaseReported: info.canRelease !== undefined, syncedAt: now, deletedAt: null };
    if (info.versionDescription) patch.versionDesc = info.versionDescription;
    if (row.status === null) {
      // An upload whose answer was lost: the platform has the version, so it happened.
      patch.status = info.versionStatus;
      if (row.pendingOperation === 'upload') Object.assign(patch, { pendingOperation: null, pendingSince: null, buildStatus: row.buildStatus ?? 'building' });
    } else if (row.deletedAt) {
      changes.push({ row, from: null, note: '版本重新出现在平台上' });
      patch.status = info.versionStatus;
    } else if (row.status !== info.versionStatus) {
      changes.push({ row, from: row.status });
      patch.status = info.versionStatus;
    }
    if (patch.status || info.versionStatus === 'GRAY' || !row.detailSyncedAt || (info.versionStatus === 'AUDIT_REJECT' && !row.rejectReason)) {
      needDetail.add(info.appVersion);
    }
    updateVersion(db, row.id, patch);
  }

  // Versions the list no longer names: deleted on the platform, or beyond the list's limit (detail tells which).
  for (const row of local) {
    if (infos.some((i) => i.appVersion === row.appVersion)) continue;
    if (isLocked(deps.db, versionKey(merchantAppId, row.appVersion))) continue;
    if (row.status === null) {
      await settleUnconfirmedUpload(deps, row, appAuthToken, now);
      continue;
    }
    try {
      const d = await getVersionDetail({ ...scope, appVersion: row.appVersion }, client);
      const after = updateVersion(db, row.id, { ...detailPatch(d, now), syncedAt: now });
      if (after.status !== row.status) recordChange(deps, { row, from: row.status }, after, corrections);
    } catch (e) {
      if (!isNotFound(e, 'MINIAPP_VERSION_NOT_EXSIT')) throw e;
      updateVersion(db, row.id, { deletedAt: now, syncedAt: now });
      addEvent(db, { versionId: row.id, kind: 'deleted', source: 'reconciliation', reason: '版本已不在平台上' });
      logCorrection(db, row, row.status, 'DELETED', '版本已不在平台上');
      corrections.push({ appVersion: row.appVersion, from: row.status, to: 'DELETED', decision: false });
    }
  }

  for (const appVersion of needDetail) {
    const row = findVersion(db, merchantAppId, appVersion)!;
    try {
      const d = await getVersionDetail({ ...scope, appVersion }, client);
      updateVersion(db, row.id, detailPatch(d, now));
    } catch (e) {
      // Deleted between the two calls: the next pass settles it.
      if (!isNotFound(e, 'MINIAPP_VERSION_NOT_EXSIT')) throw e;
    }
  }
  for (const change of changes) {
    const after = findVersion(db, merchantAppId, change.row.appVersion)!;
    if (after.status) recordChange(deps, change, after, corrections);
  }

  await followBuilds(deps, merchantAppId, appAuthToken);
  await refreshExperience(deps, merchantAppId, appAuthToken, !!opts.full);
  return { corrections };
}

/** A row written before an upload call whose answer never came: keep it if the platform built it, else drop it. */
async function settleUnconfirmedUpload(deps: VersionDeps, row: MiniAppVersion, appAuthToken: string, now: Date): Promise<void> {
  try {
    const b = await queryBuild({ appAuthToken, appVersion: row.appVersion }, deps.client);
    updateVersion(deps.db, row.id, { status: 'INIT', buildStatus: buildStateOf(b), pendingOperation: null, pendingSince: null, syncedAt: now });
  } catch (e) {
    if (!isNotFound(e, 'BUILD_VERSION_NOT_EXISTED', 'MINIAPP_VERSION_NOT_EXSIT')) throw e;
    const since = (row.pendingSince ?? row.createdAt).getTime();
    if (now.getTime() - since > UNCONFIRMED_UPLOAD_TTL_MS) removeVersionRow(deps.db, row.id);
  }
}

/** Asks build.query for versions still building; records the end of each build once. */
export async function followBuilds(deps: VersionDeps, merchantAppId: number, appAuthToken: string): Promise<void> {
  const building = listLiveVersions(deps.db, merchantAppId).filter((v) => v.buildStatus === 'queued' || v.buildStatus === 'building');
  for (const row of building) {
    if (isLocked(deps.db, versionKey(merchantAppId, row.appVersion))) continue;
    let state: BuildStateName;
    try {
      state = buildStateOf(await queryBuild({ appAuthToken, appVersion: row.appVersion }, deps.client));
    } catch (e) {
      if (isNotFound(e, 'BUILD_VERSION_NOT_EXISTED')) continue;
      throw e;
    }
    if (state === row.buildStatus) continue;
    const after = updateVersion(deps.db, row.id, { buildStatus: state });
    if (state === 'success' || state === 'failed' || state === 'timeout') recordBuildEnd(deps.db, after, state, 'reconciliation');
  }
}

async function refreshExperience(deps: VersionDeps, merchantAppId: number, appAuthToken: string, full: boolean): Promise<void> {
  const candidates = listLiveVersions(deps.db, merchantAppId).filter(
    (v) => v.experience !== 'none' || (full && v.status !== null && ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE'].includes(v.status)),
  );
  for (const row of candidates) {
    if (isLocked(deps.db, versionKey(merchantAppId, row.appVersion))) continue;
    const state = experienceStateOf(await queryExperience({ appAuthToken, appVersion: row.appVersion }, deps.client));
    if (state.experience !== row.experience || state.expQrCodeUrl !== row.expQrCodeUrl) updateVersion(deps.db, row.id, state);
  }
}

// One sync per mini-program at a time; callers arriving meanwhile share its result. Kept on globalThis so the page,
// the actions and the reconciler (possibly different bundles) see the same map.
const g = globalThis as unknown as { __versionSyncs?: Map<number, Promise<SyncResult>> };
const syncs = (g.__versionSyncs ??= new Map<number, Promise<SyncResult>>());

/**
 * Brings the console's copy of one mini-program's versions in line with the platform. After an operation, pass
 * `fresh` so that a sync already running (which may predate the operation) is followed by a new one.
 */
// Opening the tab is a read anyone signed in (a viewer too) can repeat at will: within this interval it reuses the
// last result instead of calling the platform and rewriting the cache again.
const OPEN_MIN_INTERVAL_MS = 3_000;
const lastOpen = new LRUCache<number, SyncResult>({ max: 5_000, ttl: OPEN_MIN_INTERVAL_MS });

export async function syncMiniAppVersions(deps: VersionDeps, merchantAppId: number, opts: SyncOptions & { fresh?: boolean }): Promise<SyncResult> {
  if (opts.reason === 'open' && !opts.fresh) {
    const recent = lastOpen.get(merchantAppId);
    if (recent) return recent;
  }
  const current = syncs.get(merchantAppId);
  if (current) {
    if (!opts.fresh) return current;
    await current.catch(() => undefined);
    // One started after ours ended began after the caller's operation too: share it.
    const next = syncs.get(merchantAppId);
    if (next) return next;
  }
  const run = runSync(deps, merchantAppId, opts).finally(() => syncs.delete(merchantAppId));
  syncs.set(merchantAppId, run);
  if (opts.reason === 'open') run.then((result) => lastOpen.set(merchantAppId, result), () => undefined);
  else run.then(() => lastOpen.delete(merchantAppId), () => undefined);
  return run;
}
