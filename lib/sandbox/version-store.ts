// Reading versions as state-machine views, and the writes shared by the gateway methods and the reviewer.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { SandboxContext } from './context';
import { miniApps, versionImages, versions, type Version } from './db/schema';
import { buildState, compareVersions, experienceState, type VersionView } from './rules/versions';

export const DEFAULT_BUNDLE_ID = 'com.alipay.alipaywallet';
export const BUNDLE_IDS = [DEFAULT_BUNDLE_ID, 'com.alibaba.android.rimet', 'com.amap.app', 'com.alibaba.ailabs.genie.webapps', 'com.alipay.iot.xpaas'];

export function toView(v: Version, now: number): VersionView {
  return {
    id: v.id,
    appVersion: v.appVersion,
    status: v.status,
    built: buildState(v.createdAt, v.buildDurationMs, now) === 'success',
    experience: experienceState(v.experienceAt, v.experienceDurationMs, now),
    grayStrategy: v.grayStrategy,
    onlineByRollback: v.onlineByRollback,
    replacedVersionId: v.replacedVersionId,
  };
}

/** Live (not deleted) versions of one mini-program on one client, highest version first. */
export function liveVersions(ctx: SandboxContext, appId: string, bundleId: string): Version[] {
  return ctx.db
    .select()
    .from(versions)
    .where(and(eq(versions.appId, appId), eq(versions.bundleId, bundleId), isNull(versions.deletedAt)))
    .all()
    .sort((a, b) => compareVersions(b.appVersion, a.appVersion));
}

export function allLiveVersions(ctx: SandboxContext, appId: string): Version[] {
  return ctx.db
    .select()
    .from(versions)
    .where(and(eq(versions.appId, appId), isNull(versions.deletedAt)))
    .orderBy(desc(versions.createdAt))
    .all();
}

export function isOnline(ctx: SandboxContext, appId: string): boolean {
  return !!ctx.db
    .select({ id: versions.id })
    .from(versions)
    .where(and(eq(versions.appId, appId), eq(versions.status, 'RELEASE'), isNull(versions.deletedAt)))
    .get();
}

/** The version's submitted information becomes the mini-program's public information once it is online. */
function publishInfo(ctx: SandboxContext, v: Version, now: number): void {
  const info = {
    ...(v.appName ? { appName: v.appName } : {}),
    ...(v.appEnglishName ? { appEnglishName: v.appEnglishName } : {}),
    ...(v.appSlogan ? { appSlogan: v.appSlogan } : {}),
    ...(v.appDesc ? { appDesc: v.appDesc } : {}),
    ...(v.servicePhone ? { servicePhone: v.servicePhone } : {}),
    ...(v.serviceEmail ? { serviceEmail: v.serviceEmail } : {}),
    ...(v.categoryIds ? { categoryIds: v.categoryIds } : {}),
  };
  const logo = ctx.db
    .select()
    .from(versionImages)
    .where(and(eq(versionImages.versionId, v.id), eq(versionImages.kind, 'logo')))
    .get();
  ctx.db
    .update(miniApps)
    .set({ ...info, ...(logo ? { logo: logo.bytes, logoMime: logo.mime } : {}), everOnline: true, updatedAt: now })
    .where(eq(miniApps.appId, v.appId))
    .run();
}

/**
 * The ICP gate of version.online (§4): only a mini-program that has never been online and is not filed is gated;
 * then online needs permit_registration_limit_release=true and becomes a restricted release.
 */
export function needsRegistrationPermit(ctx: SandboxContext, appId: string): boolean {
  const app = ctx.db.select({ everOnline: miniApps.everOnline, icpFiled: miniApps.icpFiled }).from(miniApps).where(eq(miniApps.appId, appId)).get();
  return !!app && !app.everOnline && !app.icpFiled;
}

/**
 * Puts a version online: the current online version (if any) goes offline and is remembered for a rollback. A first
 * release without ICP filing (allowed by the caller: permit, or auto_online) is a restricted release.
 */
export function goOnline(ctx: SandboxContext, v: Version, now: number): void {
  if (needsRegistrationPermit(ctx, v.appId)) ctx.db.update(miniApps).set({ registrationLimitRelease: true }).where(eq(miniApps.appId, v.appId)).run();
  const siblings = liveVersions(ctx, v.appId, v.bundleId);
  const current = siblings.find((s) => s.status === 'RELEASE' && s.id !== v.id);
  if (current) ctx.db.update(versions).set({ status: 'OFFLINE', gmtOffline: now }).where(eq(versions.id, current.id)).run();
  const lastOffline = current ?? siblings.filter((s) => s.status === 'OFFLINE' && s.id !== v.id).sort((a, b) => (b.gmtOffline ?? 0) - (a.gmtOffline ?? 0))[0];
  ctx.db
    .update(versions)
    .set({ status: 'RELEASE', gmtOnline: now, grayStrategy: null, onlineByRollback: false, replacedVersionId: lastOffline?.id ?? null })
    .where(eq(versions.id, v.id))
    .run();
  publishInfo(ctx, { ...v, status: 'RELEASE' }, now);
}

/** Rollback: this version goes offline and the one it replaced is online again, without audit. */
export function rollBack(ctx: SandboxContext, v: Version, now: number): void {
  ctx.db.update(versions).set({ status: 'OFFLINE', gmtOffline: now }).where(eq(versions.id, v.id)).run();
  const previous = ctx.db.select().from(versions).where(eq(versions.id, v.replacedVersionId!)).get()!;
  ctx.db.update(versions).set({ status: 'RELEASE', gmtOnline: now, onlineByRollback: true }).where(eq(versions.id, previous.id)).run();
  publishInfo(ctx, previous, now);
}
