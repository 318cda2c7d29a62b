// The sandbox's control surface: what a person does "inside Alipay" on the /sandbox pages (act as a merchant, accept
// invitations, decide audits, set faults) and what tests use to drive the platform side.
import 'server-only';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import {
  authorize as authorizeApps,
  AuthorizationError,
  cancelAuthorization as cancelAuth,
  refuse as refuseAuth,
} from './authorization';
import { currentSettings, inWriteTransaction, type SandboxContext } from './context';
import { accounts, authorizations, members, miniApps, qrRoutes, templates, templateVersions, versions, type Version } from './db/schema';
import { newRouteGroup } from './ids';
import { parseQrHosts, parseRouteUrl } from './rules/qr-routes';
import { DEMO_PASSWORD } from './db/seed';
import { loadFaults, saveFaults } from './fault-store';
import { listRequests } from './gateway';
import { newMiniAppId, newUserId, randomDigits, uniqueId } from './ids';
import { listMessages, redeliverMessage } from './outbox';
import { applyDueInfoReviews, decideVersion, DEFAULT_REJECT_REASON, runDueReviews, suggestedRejections } from './review';
import type { FaultRule, FaultRuleInput } from './rules/faults';
import { rejectReasonText } from './rules/reviewer';
import { isValidLogonId } from './rules/text-rules';
import { buildState, isValidVersionNumber } from './rules/versions';
import { writeSettings, type SandboxSettings } from './settings';
import { DEFAULT_BUNDLE_ID, toView } from './version-store';

/** A request the control surface refuses; the message is meant for the person on the sandbox page. */
export class SandboxControlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxControlError';
  }
}

export { AuthorizationError };

export interface MerchantAccountInput {
  name?: string;
  logonId?: string;
  password?: string;
  miniApps?: { name: string }[];
}

export type MemberRoleInput = 'DEVELOPER' | 'EXPERIENCER';

function insertMiniApp(ctx: SandboxContext, ownerUserId: string, name: string): { appId: string; name: string } {
  const appName = name.trim();
  if (!appName) throw new SandboxControlError('小程序名称不能为空');
  const appId = uniqueId(newMiniAppId, (id) => !!ctx.db.select().from(miniApps).where(eq(miniApps.appId, id)).get());
  ctx.db.insert(miniApps).values({ appId, ownerUserId, appName, createdAt: ctx.now() }).run();
  return { appId, name: appName };
}

function versionSummary(ctx: SandboxContext, v: Version) {
  const now = ctx.now();
  const view = toView(v, now);
  return {
    id: v.id,
    appId: v.appId,
    bundleId: v.bundleId,
    appVersion: v.appVersion,
    templateId: v.templateId,
    templateVersion: v.templateVersion,
    /** The ext config the platform received with the upload. */
    ext: v.ext,
    status: v.status,
    buildState: buildState(v.createdAt, v.buildDurationMs, now),
    experience: view.experience,
    grayStrategy: v.grayStrategy,
    rejectReason: v.rejectReason,
    versionDesc: v.versionDesc,
    screenshotCount: v.screenshotCount,
    autoOnline: v.autoOnline,
    auditRule: v.auditRule,
    /** What audit.apply received for the categories and qualifications (§4 licence fields). */
    categoryIds: v.categoryIds,
    licenseNo: v.licenseNo,
    licenseName: v.licenseName,
    licenseValidDate: v.licenseValidDate,
    licensePicCount: v.licensePicCount,
    outDoorPicCount: v.outDoorPicCount,
    specialLicensePicCount: v.specialLicensePicCount,
    reviewDueAt: v.reviewDueAt,
    createdAt: v.createdAt,
    gmtApplyAudit: v.gmtApplyAudit,
    gmtAuditEnd: v.gmtAuditEnd,
    gmtOnline: v.gmtOnline,
    gmtOffline: v.gmtOffline,
  };
}

export function createControl(ctx: SandboxContext, deliver: () => Promise<number>) {
  const { db } = ctx;

  function accountByUserId(userId: string) {
    return db.select().from(accounts).where(eq(accounts.userId, userId)).get();
  }

  return {
    // ── Alipay accounts and mini-programs ────────────────────────────────────────────────────────────
    createMerchantAccount(input: MerchantAccountInput = {}) {
      const logonId = input.logonId?.trim() || `m${randomDigits(8)}@example.com`;
      if (!isValidLogonId(logonId)) throw new SandboxControlError('登录账号应为邮箱或 11 位手机号');
      const password = input.password || DEMO_PASSWORD;
      const name = input.name?.trim() || `沙箱商家${randomDigits(4)}`;
      return inWriteTransaction(ctx, () => {
        if (db.select().from(accounts).where(eq(accounts.logonId, logonId)).get()) throw new SandboxControlError(`支付宝账号 ${logonId} 已存在`);
        const userId = uniqueId(newUserId, (id) => !!accountByUserId(id));
        db.insert(accounts).values({ userId, logonId, name, password, createdAt: ctx.now() }).run();
        const apps = (input.miniApps ?? []).map((a) => insertMiniApp(ctx, userId, a.name));
        return { userId, logonId, password, name, miniApps: apps };
      });
    },

    createMiniApp(input: { userId: string; name: string }) {
      return inWriteTransaction(ctx, () => {
        if (!accountByUserId(input.userId)) throw new SandboxControlError('支付宝账号不存在');
        return insertMiniApp(ctx, input.userId, input.name);
      });
    },

    /** The Alipay sign-in of the authorization page. Sandbox accounts are fake, so the password is compared as stored. */
    findMerchantAccount(logonId: string, password: string) {
      const a = db.select().from(accounts).where(eq(accounts.logonId, logonId.trim())).get();
      return a && a.password === password ? { userId: a.userId, logonId: a.logonId, name: a.name } : null;
    },

    listAccounts() {
      const apps = db.select().from(miniApps).orderBy(asc(miniApps.createdAt)).all();
      return db
        .select()
        .from(accounts)
        // Newest first: the account QA just created is on the first page, however many tests made before it.
        .orderBy(desc(accounts.createdAt), asc(accounts.logonId))
        .all()
        .map((a) => ({
          userId: a.userId,
          logonId: a.logonId,
          name: a.name,
          password: a.password,
          miniApps: apps
            .filter((m) => m.ownerUserId === a.userId)
            .map((m) => ({ appId: m.appId, name: m.appName, icpFiled: m.icpFiled, registrationLimitRelease: m.registrationLimitRelease })),
        }));
    },

    listMiniApps(userId: string) {
      const live = db.select().from(authorizations).where(eq(authorizations.status, 'valid')).all();
      return db
        .select()
        .from(miniApps)
        .where(eq(miniApps.ownerUserId, userId))
        .orderBy(asc(miniApps.createdAt))
        .all()
        .map((m) => {
          const auth = live.find((a) => a.authAppId === m.appId);
          return { appId: m.appId, name: m.appName, everOnline: m.everOnline, authorized: !!auth, authorizedAt: auth?.authStart ?? null };
        });
    },

    /** One mini-program as the platform holds it: public info, categories, server domains and ICP state. */
    getMiniApp(appId: string) {
      const m = db.select().from(miniApps).where(eq(miniApps.appId, appId)).get();
      if (!m) return null;
      return {
        appId: m.appId,
        name: m.appName,
        categoryIds: m.categoryIds,
        safeDomains: JSON.parse(m.safeDomains) as string[],
        everOnline: m.everOnline,
        icpFiled: m.icpFiled,
        registrationLimitRelease: m.registrationLimitRelease,
      };
    },
    /** The mini-program's ICP filing (§4 ICP gate); marking it filed ends a restricted release. */
    setIcpFiled(input: { appId: string; filed: boolean }): void {
      const patch = input.filed ? { icpFiled: true, registrationLimitRelease: false } : { icpFiled: false };
      const r = db.update(miniApps).set(patch).where(eq(miniApps.appId, input.appId)).run();
      if (!r.changes) throw new SandboxControlError(`小程序 ${input.appId} 不存在`);
    },

    // ── Authorization (the openauth pages) ───────────────────────────────────────────────────────────
    authorize(input: { userId: string; appIds: string[]; redirectUri: string; state?: string }) {
      return authorizeApps(ctx, input);
    },
    refuse(input: { redirectUri: string; state?: string }) {
      return refuseAuth(ctx, input);
    },
    cancelAuthorization(appId: string): void {
      if (!cancelAuth(ctx, appId)) throw new SandboxControlError(`小程序 ${appId} 当前没有有效授权`);
    },
    listAuthorizations() {
      return db
        .select({ a: authorizations, appName: miniApps.appName })
        .from(authorizations)
        .innerJoin(miniApps, eq(miniApps.appId, authorizations.authAppId))
        .orderBy(desc(authorizations.id))
        .all()
        .map(({ a, appName }) => ({
          authAppId: a.authAppId,
          appName,
          userId: a.userId,
          status: a.status,
          appAuthToken: a.appAuthToken,
          authStart: a.authStart,
          endedAt: a.endedAt,
        }));
    },

    // ── Settings ─────────────────────────────────────────────────────────────────────────────────────
    getSettings(): SandboxSettings {
      return currentSettings(ctx);
    },
    updateSettings(patch: Partial<SandboxSettings>): SandboxSettings {
      return inWriteTransaction(ctx, () => {
        const before = currentSettings(ctx);
        writeSettings(db, patch);
        const after = currentSettings(ctx);
        if (before.reviewMode !== after.reviewMode) {
          // Audits waiting for a person get the reviewer's delay from now; switching to manual holds them all.
          const dueAt = after.reviewMode === 'auto' ? ctx.now() + after.reviewDelayMs : null;
          db.update(versions).set({ reviewDueAt: dueAt }).where(eq(versions.status, 'AUDITING')).run();
        }
        return after;
      });
    },

    // ── Audits ───────────────────────────────────────────────────────────────────────────────────────
    listPendingAudits() {
      const rows = db
        .select({ v: versions, appName: miniApps.appName })
        .from(versions)
        .innerJoin(miniApps, eq(miniApps.appId, versions.appId))
        .where(and(eq(versions.status, 'AUDITING'), isNull(versions.deletedAt)))
        .orderBy(asc(versions.gmtApplyAudit))
        .all();
      return rows.map(({ v, appName }) => ({
        ...versionSummary(ctx, v),
        appName: v.appName ?? appName,
        appSlogan: v.appSlogan,
        appDesc: v.appDesc,
        testAccount: v.testAccount,
        suggestedRejections: suggestedRejections(ctx, v),
      }));
    },
    /** A person's decision; a rejection without a reason uses the reviewer's findings. */
    decideAudit(input: { appId: string; appVersion: string; bundleId?: string; pass: boolean; admissionOnly?: boolean; reason?: string }): void {
      const v = db
        .select()
        .from(versions)
        .where(
          and(
            eq(versions.appId, input.appId),
            eq(versions.appVersion, input.appVersion),
            eq(versions.bundleId, input.bundleId ?? DEFAULT_BUNDLE_ID),
            eq(versions.status, 'AUDITING'),
            isNull(versions.deletedAt),
          ),
        )
        .get();
      if (!v) throw new SandboxControlError(`版本 ${input.appVersion} 不在审核中`);
      const reasons = suggestedRejections(ctx, v);
      const explained = input.reason?.trim() || (reasons.length ? rejectReasonText(reasons) : DEFAULT_REJECT_REASON);
      const reason = input.pass && !input.admissionOnly ? undefined : explained;
      if (v.auditRule !== 'BASE_PROMOTE' && input.admissionOnly) throw new SandboxControlError(`版本 ${input.appVersion} 不是 BASE_PROMOTE 审核，不能只通过准入`);
      if (!decideVersion(ctx, v.id, { pass: input.pass, admissionOnly: input.admissionOnly, reason })) throw new SandboxControlError(`版本 ${input.appVersion} 已不在审核中`);
    },

    // ── Members ──────────────────────────────────────────────────────────────────────────────────────
    listInvitations() {
      return db
        .select({ m: members, a: accounts, appName: miniApps.appName })
        .from(members)
        .innerJoin(accounts, eq(accounts.userId, members.userId))
        .innerJoin(miniApps, eq(miniApps.appId, members.appId))
        .orderBy(sql`CASE ${members.status} WHEN 'INVITED' THEN 0 ELSE 1 END`, desc(members.gmtInvite))
        .all()
        .map(({ m, a, appName }) => ({
          appId: m.appId,
          appName,
          userId: m.userId,
          logonId: a.logonId,
          nick: a.name,
          role: m.role,
          status: m.status,
          gmtInvite: m.gmtInvite,
          gmtJoin: m.gmtJoin,
        }));
    },
    respondInvitation(input: { appId: string; userId?: string; logonId?: string; role: MemberRoleInput; accept: boolean }): void {
      const userId = input.userId ?? (input.logonId ? db.select().from(accounts).where(eq(accounts.logonId, input.logonId)).get()?.userId : undefined);
      if (!userId) throw new SandboxControlError('支付宝账号不存在');
      const now = ctx.now();
      const r = db
        .update(members)
        .set(input.accept ? { status: 'VALID', gmtJoin: now } : { status: 'REFUSED' })
        .where(and(eq(members.appId, input.appId), eq(members.userId, userId), eq(members.role, input.role), eq(members.status, 'INVITED')))
        .run();
      if (!r.changes) throw new SandboxControlError('没有待处理的邀请');
    },

    // ── Templates ────────────────────────────────────────────────────────────────────────────────────
    listTemplates() {
      const all = db.select().from(templateVersions).orderBy(asc(templateVersions.createdAt)).all();
      return db
        .select()
        .from(templates)
        .orderBy(asc(templates.createdAt))
        .all()
        .map((t) => ({
          templateId: t.templateId,
          name: t.name,
          isvAppId: t.isvAppId,
          ownedByIsv: t.isvAppId === ctx.identity.appId,
          qrHosts: parseQrHosts(t.qrHosts),
          versions: all.filter((v) => v.templateId === t.templateId).map((v) => ({ version: v.version, onShelf: v.onShelf, createdAt: v.createdAt })),
        }));
    },
    /** A new template of the ISV app, with no versions yet (the developer centre's "create template"). */
    createTemplate(input: { name: string }): { templateId: string; name: string } {
      const name = input.name.trim();
      if (!name) throw new SandboxControlError('模板名称不能为空');
      return inWriteTransaction(ctx, () => {
        const templateId = uniqueId(
          () => `2021004${randomDigits(9)}`,
          (id) => !!db.select().from(templates).where(eq(templates.templateId, id)).get(),
        );
        db.insert(templates).values({ templateId, isvAppId: ctx.identity.appId, name, createdAt: ctx.now() }).run();
        return { templateId, name };
      });
    },
    /** Adds a template version, or puts an existing one on or off the shelf. */
    addTemplateVersion(input: { templateId: string; version: string; onShelf: boolean }): void {
      if (!isValidVersionNumber(input.version)) throw new SandboxControlError('模板版本号应为 x.y.z 格式的数字');
      inWriteTransaction(ctx, () => {
        if (!db.select().from(templates).where(eq(templates.templateId, input.templateId)).get()) throw new SandboxControlError(`模板 ${input.templateId} 不存在`);
        const key = and(eq(templateVersions.templateId, input.templateId), eq(templateVersions.version, input.version));
        if (db.select().from(templateVersions).where(key).get()) db.update(templateVersions).set({ onShelf: input.onShelf }).where(key).run();
        else db.insert(templateVersions).values({ templateId: input.templateId, version: input.version, onShelf: input.onShelf, createdAt: ctx.now() }).run();
      });
    },

    /** The hosts ordinary-QR rules of the template's instances may use (empty: no check). */
    setTemplateQrHosts(input: { templateId: string; hosts: string[] }): void {
      const hosts = [...new Set(input.hosts.map((h) => h.trim().toLowerCase()).filter(Boolean))];
      const r = db.update(templates).set({ qrHosts: JSON.stringify(hosts) }).where(eq(templates.templateId, input.templateId)).run();
      if (!r.changes) throw new SandboxControlError(`模板 ${input.templateId} 不存在`);
    },

    // ── Ordinary-QR rules ────────────────────────────────────────────────────────────────────────────
    listQrRoutes(appId: string) {
      return db.select().from(qrRoutes).where(eq(qrRoutes.appId, appId)).orderBy(asc(qrRoutes.createdAt), asc(qrRoutes.routeGroup)).all();
    },
    /** A PATTERN rule, which bind never creates: lets staff see how the console copes with one. */
    addPatternRoute(input: { appId: string; routeUrl: string; routePattern: string; pageRedirection: string }): { routeGroup: string } {
      if (!db.select().from(miniApps).where(eq(miniApps.appId, input.appId)).get()) throw new SandboxControlError(`小程序 ${input.appId} 不存在`);
      if (!parseRouteUrl(input.routeUrl)) throw new SandboxControlError('二维码规则地址不合法');
      const routeGroup = uniqueId(newRouteGroup, (id) => !!db.select().from(qrRoutes).where(eq(qrRoutes.routeGroup, id)).get());
      db.insert(qrRoutes)
        .values({ routeGroup, appId: input.appId, routeUrl: input.routeUrl, mode: 'PATTERN', routePattern: input.routePattern, pageRedirection: input.pageRedirection, createdAt: ctx.now() })
        .run();
      return { routeGroup };
    },

    // ── Faults ───────────────────────────────────────────────────────────────────────────────────────
    getFaults(): FaultRule[] {
      return loadFaults(ctx);
    },
    setFaults(rules: FaultRuleInput[]): FaultRule[] {
      return saveFaults(ctx, rules);
    },

    // ── What happened ────────────────────────────────────────────────────────────────────────────────
    listRequests(limit = 100) {
      return listRequests(ctx, limit);
    },
    listMessages(limit = 100) {
      return listMessages(ctx, limit);
    },
    redeliverMessage(id: number): void {
      if (!redeliverMessage(ctx, id)) throw new SandboxControlError('该消息不能重新投递');
    },
    /** How many versions were ever uploaded (deleted ones included), for the batch benchmark. */
    countUploads(appId?: string): number {
      const row = db
        .select({ n: sql<number>`count(*)` })
        .from(versions)
        .where(appId ? eq(versions.appId, appId) : undefined)
        .get();
      return Number(row?.n ?? 0);
    },
    listVersions(appId: string) {
      return db
        .select()
        .from(versions)
        .where(and(eq(versions.appId, appId), isNull(versions.deletedAt)))
        .orderBy(desc(versions.createdAt), desc(versions.id))
        .all()
        .map((v) => versionSummary(ctx, v));
    },
    /** Experience versions across mini-programs (for the sandbox page's "scan" panel). */
    listExperienceVersions(appIds: string[]) {
      if (!appIds.length) return [];
      return db
        .select()
        .from(versions)
        .where(and(inArray(versions.appId, appIds), isNotNull(versions.experienceAt), isNull(versions.deletedAt)))
        .all()
        .map((v) => versionSummary(ctx, v));
    },

    // ── Driving time (tests, and the page's "run now" button) ───────────────────────────────────────
    /**
     * Moves the mini-program's release history `days` days into the past, as if its online version had gone online
     * then: data analysis (§4) has figures only for days it was live, so this gives a new mini-program a history.
     */
    backdateRelease(appId: string, days: number): { shifted: number } {
      const shift = days * 86_400_000;
      return inWriteTransaction(ctx, () => {
        const rows = db
          .select()
          .from(versions)
          .where(and(eq(versions.appId, appId), isNotNull(versions.gmtOnline)))
          .all();
        if (!rows.some((v) => v.status === 'RELEASE')) throw new SandboxControlError(`小程序 ${appId} 没有线上版本`);
        for (const v of rows) {
          db.update(versions)
            .set({ gmtOnline: v.gmtOnline! - shift, gmtOffline: v.gmtOffline === null ? null : v.gmtOffline - shift })
            .where(eq(versions.id, v.id))
            .run();
        }
        return { shifted: rows.length };
      });
    },
    /** Decides due audits and applies due info reviews now. */
    runDueWork(): { decided: number; infoApplied: number } {
      return { decided: runDueReviews(ctx), infoApplied: applyDueInfoReviews(ctx) };
    },
    /** Delivers every due message now; resolves with how many were delivered. */
    flushMessages(): Promise<number> {
      return deliver();
    },
  };
}

export type SandboxControl = ReturnType<typeof createControl>;
