// Reads and writes of the console's copy of versions and their history. No authorization and no platform calls here.
import { and, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import {
  DEFAULT_BUNDLE_ID,
  merchantApps,
  miniAppVersions,
  versionEvents,
  versionLocks,
  type MiniAppVersion,
  type NewMiniAppVersion,
  type VersionEvent,
  type VersionEventKind,
  type VersionLock,
} from '@/db/schema';
import { compareVersions, type VersionFacts } from './operations';

export type VersionEventSource = VersionEvent['source'];

/** Live (not deleted) versions of a mini-program on the default client, highest version first. */
export function listLiveVersions(db: Db, merchantAppId: number): MiniAppVersion[] {
  return db
    .select()
    .from(miniAppVersions)
    .where(and(eq(miniAppVersions.merchantAppId, merchantAppId), eq(miniAppVersions.bundleId, DEFAULT_BUNDLE_ID), isNull(miniAppVersions.deletedAt)))
    .all()
    .sort((a, b) => compareVersions(b.appVersion, a.appVersion));
}

/** Every version ever known, deleted ones included (for proposing a version number and for history). */
export function listAllVersions(db: Db, merchantAppId: number): MiniAppVersion[] {
  return db
    .select()
    .from(miniAppVersions)
    .where(and(eq(miniAppVersions.merchantAppId, merchantAppId), eq(miniAppVersions.bundleId, DEFAULT_BUNDLE_ID)))
    .all()
    .sort((a, b) => compareVersions(b.appVersion, a.appVersion));
}

export function findVersion(db: Db, merchantAppId: number, appVersion: string): MiniAppVersion | undefined {
  return db
    .select()
    .from(miniAppVersions)
    .where(
      and(eq(miniAppVersions.merchantAppId, merchantAppId), eq(miniAppVersions.bundleId, DEFAULT_BUNDLE_ID), eq(miniAppVersions.appVersion, appVersion)),
    )
    .get();
}

export function findVersionById(db: Db, id: number): MiniAppVersion | undefined {
  return db.select().from(miniAppVersions).where(eq(miniAppVersions.id, id)).get();
}

export function insertVersion(db: Db, values: NewMiniAppVersion): MiniAppVersion {
  return db
    .insert(miniAppVersions)
    .values({ ...values, updatedAt: new Date() })
    .returning()
    .get();
}

export function updateVersion(db: Db, id: number, patch: Partial<Omit<MiniAppVersion, 'id' | 'createdAt'>>): MiniAppVersion {
  return db
    .update(miniAppVersions)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(miniAppVersions.id, id))
    .returning()
    .get();
}

export function removeVersionRow(db: Db, id: number): void {
  db.delete(miniAppVersions).where(eq(miniAppVersions.id, id)).run();
}

export interface NewEvent {
  versionId: number;
  kind: VersionEventKind;
  source: VersionEventSource;
  actor?: { id: number | null; email: string } | null;
  reason?: string | null;
  detail?: unknown;
  notifyId?: string | null;
  batchId?: number | null;
  auditRound?: number | null;
  at?: Date;
}

export function addEvent(db: Db, e: NewEvent): VersionEvent {
  return db
    .insert(versionEvents)
    .values({
      versionId: e.versionId,
      kind: e.kind,
      source: e.source,
      actorId: e.actor?.id ?? null,
      actorEmail: e.actor?.email ?? null,
      reason: e.reason ?? null,
      detail: e.detail === undefined ? null : JSON.stringify(e.detail),
      notifyId: e.notifyId ?? null,
      batchId: e.batchId ?? null,
      auditRound: e.auditRound ?? null,
      ...(e.at ? { at: e.at } : {}),
    })
    .returning()
    .get();
}

export function listEvents(db: Db, versionIds: number[]): VersionEvent[] {
  if (!versionIds.length) return [];
  return db
    .select()
    .from(versionEvents)
    .where(inArray(versionEvents.versionId, versionIds))
    .orderBy(desc(versionEvents.at), desc(versionEvents.id))
    .all();
}

/** Whether this audit round of the version already has its decision recorded (so a second report is ignored). */
export function decisionRecorded(db: Db, versionId: number, auditRound: number): boolean {
  const found = db
    .select({ id: versionEvents.id })
    .from(versionEvents)
    .where(and(eq(versionEvents.versionId, versionId), eq(versionEvents.auditRound, auditRound), inArray(versionEvents.kind, ['passed', 'rejected'])))
    .limit(1)
    .get();
  return !!found;
}

/** The fields of this version's latest submission. */
export function latestSubmission(db: Db, versionId: number): Record<string, unknown> | null {
  const row = db
    .select({ detail: versionEvents.detail })
    .from(versionEvents)
    .where(and(eq(versionEvents.versionId, versionId), eq(versionEvents.kind, 'submitted')))
    .orderBy(desc(versionEvents.at), desc(versionEvents.id))
    .limit(1)
    .get();
  return parseDetail(row?.detail);
}

export function parseDetail(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The fields of the latest submission of any version of this mini-program, to prefill the next one. */
export function lastSubmission(db: Db, merchantAppId: number): Record<string, unknown> | null {
  const row = db
    .select({ detail: versionEvents.detail })
    .from(versionEvents)
    .innerJoin(miniAppVersions, eq(miniAppVersions.id, versionEvents.versionId))
    .where(and(eq(miniAppVersions.merchantAppId, merchantAppId), eq(versionEvents.kind, 'submitted')))
    .orderBy(desc(versionEvents.at), desc(versionEvents.id))
    .limit(1)
    .get();
  return parseDetail(row?.detail);
}

export function toFacts(v: MiniAppVersion): VersionFacts {
  return {
    appVersion: v.appVersion,
    status: v.status,
    buildStatus: v.buildStatus,
    experience: v.experience,
    grayStrategy: v.grayStrategy,
    canRelease: v.canReleaseReported ? v.canRelease : null,
    onlineByRollback: v.onlineByRollback,
    pending: !!v.pendingOperation,
  };
}

/** Mini-programs the reconciler watches: a version in audit, building, in gray, packaging, or of unknown outcome. */
export function miniAppsNeedingReconciliation(db: Db, limit = 50): number[] {
  return db
    .selectDistinct({ id: miniAppVersions.merchantAppId })
    .from(miniAppVersions)
    .innerJoin(merchantApps, eq(merchantApps.id, miniAppVersions.merchantAppId))
    .where(
      and(
        isNull(miniAppVersions.deletedAt),
        eq(merchantApps.status, 'authorized'),
        or(
          inArray(miniAppVersions.status, ['AUDITING', 'GRAY']),
          inArray(miniAppVersions.buildStatus, ['queued', 'building']),
          eq(miniAppVersions.experience, 'packaging'),
          sql`${miniAppVersions.pendingOperation} IS NOT NULL`,
          isNull(miniAppVersions.status),
        ),
      ),
    )
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** Whether the console's records show a version of the mini-program online (RELEASE, not deleted). */
export function hasOnlineVersion(db: Db, merchantAppId: number): boolean {
  return !!db
    .select({ id: miniAppVersions.id })
    .from(miniAppVersions)
    .where(and(eq(miniAppVersions.merchantAppId, merchantAppId), eq(miniAppVersions.status, 'RELEASE'), isNull(miniAppVersions.deletedAt)))
    .get();
}

/** Every version row's id, mini-program and version number for these mini-programs (read in chunks of 500). */
export function listVersionKeys(db: Db, merchantAppIds: readonly number[]): { id: number; merchantAppId: number; appVersion: string }[] {
  const out: { id: number; merchantAppId: number; appVersion: string }[] = [];
  for (let i = 0; i < merchantAppIds.length; i += 500) {
    out.push(
      ...db
        .select({ id: miniAppVersions.id, merchantAppId: miniAppVersions.merchantAppId, appVersion: miniAppVersions.appVersion })
        .from(miniAppVersions)
        .where(inArray(miniAppVersions.merchantAppId, merchantAppIds.slice(i, i + 500)))
        .all(),
    );
  }
  return out;
}

/** The history events of these versions (read in chunks of 500). */
export function listEventsOfVersions(db: Db, versionIds: readonly number[]): VersionEvent[] {
  const out: VersionEvent[] = [];
  for (let i = 0; i < versionIds.length; i += 500) {
    out.push(...db.select().from(versionEvents).where(inArray(versionEvents.versionId, versionIds.slice(i, i + 500))).all());
  }
  return out;
}

/**
 * Takes every key or none, in one immediate transaction: a key already held stops it (reporting what runs there)
 * unless `abandoned` says its holder is gone, then the key is taken over.
 */
export function takeVersionLocks(
  db: Db,
  keys: readonly string[],
  lock: Omit<VersionLock, 'key'>,
  abandoned: (row: VersionLock) => boolean,
): { ok: true } | { ok: false; running: string } {
  return db.transaction((tx) => {
    const held = keys.length ? tx.select().from(versionLocks).where(inArray(versionLocks.key, [...keys])).all() : [];
    for (const row of held) if (!abandoned(row)) return { ok: false as const, running: row.operation };
    if (held.length) tx.delete(versionLocks).where(inArray(versionLocks.key, held.map((r) => r.key))).run();
    for (const key of keys) tx.insert(versionLocks).values({ ...lock, key }).run();
    return { ok: true as const };
  }, { behavior: 'immediate' });
}

export function releaseVersionLocks(db: Db, keys: readonly string[], holder: string): void {
  db.delete(versionLocks).where(and(inArray(versionLocks.key, [...keys]), eq(versionLocks.holder, holder))).run();
}

export function versionLock(db: Db, key: string): VersionLock | undefined {
  return db.select().from(versionLocks).where(eq(versionLocks.key, key)).get();
}
