// The console's stored copy of each mini-program's base info (what baseinfo.query last returned) and its online
// version, so pages render from the console's own records and the platform is read after the page, not during it.
import 'server-only';
import type { Db } from '@/db';
import type { MerchantApp } from '@/db/schema';
import { queryBaseInfo, type BaseInfo } from '@/lib/alipay/base-info';
import type { AlipayClient } from '@/lib/alipay/client';
import { listVersions } from '@/lib/alipay/versions';
import { requireOperableApp } from '@/lib/authorization/tokens';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import type { SnapshotPart } from '@/lib/validation/profile';
import { findSnapshot, markSnapshotStale, setAppName, upsertBaseInfoSnapshot, upsertOnlineVersion } from './data';

/** How long a stored read counts as current: older, the page shows it and reads the platform again behind it. */
export const SNAPSHOT_FRESH_MS = 60_000;
/** However often a page asks, one mini-program's platform data is read at most this often. */
export const SNAPSHOT_MIN_INTERVAL_MS = 5_000;

export interface MiniAppSnapshot {
  baseInfo: BaseInfo | null;
  fetchedAt: Date | null;
  onlineVersion: string | null;
  onlineFetchedAt: Date | null;
}

const EMPTY: MiniAppSnapshot = { baseInfo: null, fetchedAt: null, onlineVersion: null, onlineFetchedAt: null };

/** Whether a read made at `at` still counts as current at `now`. Never read counts as stale. */
export function isFresh(at: Date | null | undefined, now: Date, freshMs = SNAPSHOT_FRESH_MS): boolean {
  if (!at) return false;
  const age = now.getTime() - at.getTime();
  return age >= 0 && age < freshMs;
}

export function readSnapshot(db: Db, merchantAppId: number): MiniAppSnapshot {
  const row = findSnapshot(db, merchantAppId);
  if (!row) return EMPTY;
  let baseInfo: BaseInfo | null = null;
  try {
    baseInfo = row.baseInfo ? (JSON.parse(row.baseInfo) as BaseInfo) : null;
  } catch {
    baseInfo = null;
  }
  return { baseInfo, fetchedAt: baseInfo ? row.fetchedAt : null, onlineVersion: row.onlineVersion, onlineFetchedAt: row.onlineFetchedAt };
}


export function snapshotFresh(snapshot: MiniAppSnapshot, part: SnapshotPart, now: Date): boolean {
  if (!isFresh(snapshot.fetchedAt, now)) return false;
  return part === 'baseInfo' || isFresh(snapshot.onlineFetchedAt, now);
}

/** Called wherever the console has read base info from the platform. */
export function storeBaseInfo(db: Db, merchantAppId: number, info: BaseInfo, at: Date): void {
  upsertBaseInfoSnapshot(db, merchantAppId, JSON.stringify(info), at);
}

export function storeOnlineVersion(db: Db, merchantAppId: number, version: string | null, at: Date): void {
  upsertOnlineVersion(db, merchantAppId, version, at);
}

/** Has the next page view read the platform again, after a change the console made but could not read back. */
export function invalidateSnapshot(db: Db, merchantAppId: number, part: 'baseInfo' | 'onlineVersion'): void {
  markSnapshotStale(db, merchantAppId, part);
}

export interface RefreshDeps {
  cipher: TokenCipher;
  client?: AlipayClient;
  now?: Date;
}

/**
 * Reads the platform and stores what it said. A read made within the minimum interval is reused, so a page opened
 * many times (or a refresh button pressed repeatedly) does not turn into as many platform calls.
 */
export async function refreshSnapshot(db: Db, merchantAppId: number, part: SnapshotPart, deps: RefreshDeps): Promise<MiniAppSnapshot> {
  const now = deps.now ?? new Date();
  const { app, appAuthToken } = requireOperableApp(db, deps.cipher, merchantAppId);
  const current = readSnapshot(db, merchantAppId);
  const recent = (at: Date | null) => isFresh(at, now, SNAPSHOT_MIN_INTERVAL_MS);
  const needInfo = !recent(current.fetchedAt);
  const needOnline = part === 'overview' && !recent(current.onlineFetchedAt);
  const [info, online] = await Promise.all([
    needInfo ? queryBaseInfo({ appAuthToken }, deps.client) : null,
    needOnline ? listVersions({ appAuthToken, versionStatuses: ['RELEASE'] }, deps.client) : null,
  ]);
  if (info) recordBaseInfo(db, app, info, now);
  if (online) storeOnlineVersion(db, merchantAppId, online[0]?.appVersion ?? null, now);
  return readSnapshot(db, merchantAppId);
}

/** Stores a base-info read and keeps the mini-program's own name in step with it. */
export function recordBaseInfo(db: Db, app: Pick<MerchantApp, 'id' | 'appName'>, info: BaseInfo, at: Date): void {
  storeBaseInfo(db, app.id, info, at);
  if (info.appName && info.appName !== app.appName) setAppName(db, app.id, info.appName);
}

/** What the page's refresh control needs: which mini-programs, the oldest read shown, and whether to read again. */
export interface SnapshotView {
  merchantAppIds: number[];
  part: SnapshotPart;
  fetchedAt: string | null;
  stale: boolean;
}

export function snapshotView(shown: readonly { app: Pick<MerchantApp, 'id'>; snapshot: MiniAppSnapshot }[], part: SnapshotPart, now: Date): SnapshotView {
  const times = shown.map(({ snapshot }) => snapshot.fetchedAt);
  return {
    merchantAppIds: shown.map(({ app }) => app.id),
    part,
    fetchedAt: times.reduce<Date | null>((a, b) => oldest(a, b), times[0] ?? null)?.toISOString() ?? null,
    stale: shown.some(({ snapshot }) => !snapshotFresh(snapshot, part, now)),
  };
}

const oldest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : null);
