// alipay.open.mini.version.* and template.usage.query (contract §4 "Versions").
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { currentSettings } from '../context';
import { categories, miniApps, templates, templateVersions, versionImages, versions, type Version } from '../db/schema';
import { categoryLookup } from '../categories';
import { businessError, invalidParameter } from '../errors';
import { logoUrl, versionImageUrl } from '../images';
import { formatBeijingOrNull } from '../protocol/time';
import { validateAuditApply } from '../rules/audit-apply';
import { parseCategoryIds } from '../rules/text-rules';
import {
  buildState,
  buildStatusCodes,
  basePromoteFields,
  compareVersions,
  guardAuditApply,
  guardAuditCancel,
  guardAuditedCancel,
  guardDelete,
  guardGrayCancel,
  guardGrayOnline,
  guardOffline,
  guardOnline,
  guardRollback,
  guardUpload,
  type VersionStatus,
} from '../rules/versions';
import { goOnline, liveVersions, needsRegistrationPermit, rollBack, toView } from '../version-store';
import { compact, merchantOf, pageArgs, refusal, required, type MethodCall, type MethodTable } from './types';

const STATUSES: VersionStatus[] = ['INIT', 'AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY', 'RELEASE', 'OFFLINE', 'AUDIT_OFFLINE'];

function siblingsOf(call: MethodCall): Version[] {
  return liveVersions(call.ctx, merchantOf(call).appId, call.bundleId);
}

/** The live version named by app_version, or the given error. */
function versionNamed(call: MethodCall, notFound: { subCode: string; subMsg?: string } = { subCode: 'MINIAPP_VERSION_NOT_EXSIT' }): { v: Version; siblings: Version[] } {
  const appVersion = required(call, 'app_version');
  const siblings = siblingsOf(call);
  const v = siblings.find((s) => s.appVersion === appVersion);
  if (!v) throw businessError(notFound.subCode, notFound.subMsg ?? `版本 ${appVersion} 不存在`);
  return { v, siblings };
}

function views(call: MethodCall, rows: Version[]) {
  return rows.map((r) => toView(r, call.now));
}

function setStatus(call: MethodCall, v: Version, patch: Partial<Version>): void {
  call.ctx.db.update(versions).set(patch).where(eq(versions.id, v.id)).run();
}

function buildFields(v: Version, now: number) {
  return buildStatusCodes(buildState(v.createdAt, v.buildDurationMs, now));
}

function resolveTemplateVersion(call: MethodCall, templateId: string): string {
  const { db } = call.ctx;
  const template = db.select().from(templates).where(eq(templates.templateId, templateId)).get();
  if (!template) throw businessError('CODE_TEMPLATE_NOT_EXIST', `模板 ${templateId} 不存在`);
  if (template.isvAppId !== call.isvAppId) throw businessError('TEMPLATE_ID_ISVAPPID_NOT_MATCH', `模板 ${templateId} 不属于当前服务商应用`);
  const all = db.select().from(templateVersions).where(eq(templateVersions.templateId, templateId)).all();
  const wanted = call.fields.template_version;
  if (wanted) {
    const tv = all.find((t) => t.version === wanted);
    if (!tv) throw businessError('CODE_TEMPLATE_NOT_EXIST', `模板版本 ${wanted} 不存在`);
    if (!tv.onShelf) throw businessError('TEMPLATE_NOT_ONLINE_OR_OFFLINE', `模板版本 ${wanted} 未上架或已下架`);
    return wanted;
  }
  const latest = all.filter((t) => t.onShelf).sort((a, b) => compareVersions(b.version, a.version))[0];
  if (!latest) throw businessError('TEMPLATE_NOT_ONLINE_OR_OFFLINE', `模板 ${templateId} 没有已上架的版本`);
  return latest.version;
}

function checkExt(call: MethodCall): string | null {
  const ext = call.raw.ext;
  if (ext === undefined || ext === null || ext === '') return null;
  if (typeof ext === 'string') {
    try {
      const parsed: unknown = JSON.parse(ext);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return ext;
    } catch {
      // falls through to the refusal
    }
  }
  throw businessError('INVALID_EXT_JSON', 'ext 必须是 JSON 对象格式的字符串');
}

const upload = {
  merchant: true,
  handle(call: MethodCall) {
    const templateId = call.fields.template_id;
    if (!templateId) throw businessError('TEMPLATE_ID_IS_BLANK', '模板 ID 不能为空');
    const appVersion = call.fields.app_version;
    if (!appVersion) throw businessError('INVALID_VERSION', '版本号不能为空');
    const templateVersion = resolveTemplateVersion(call, templateId);
    const ext = checkExt(call);
    const bad = guardUpload(appVersion, views(call, siblingsOf(call)));
    if (bad) throw refusal(bad);
    const v = call.ctx.db
      .insert(versions)
      .values({
        appId: merchantOf(call).appId,
        bundleId: call.bundleId,
        appVersion,
        templateId,
        templateVersion,
        ext,
        status: 'INIT',
        buildDurationMs: currentSettings(call.ctx).buildDurationMs,
        createdAt: call.now,
      })
      .returning()
      .get();
    return buildFields(v, call.now);
  },
};

const buildQuery = {
  merchant: true,
  handle(call: MethodCall) {
    const { v } = versionNamed(call, { subCode: 'BUILD_VERSION_NOT_EXISTED' });
    return buildFields(v, call.now);
  },
};

const listQuery = {
  merchant: true,
  handle(call: MethodCall) {
    const wanted = (call.fields.version_status ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!wanted.length) return {};
    const unknown = wanted.find((s) => !STATUSES.includes(s as VersionStatus));
    if (unknown) throw invalidParameter('version_status', `含有不支持的状态 ${unknown}`);
    // Sandbox rule (§4 list.query): the docs say versions are seen only with bundle_id.
    if (!call.fields.bundle_id) return { app_version_infos: [] };
    const list = siblingsOf(call)
      .filter((v) => wanted.includes(v.status))
      .slice(0, 20)
      .map((v) => ({
        app_version: v.appVersion,
        bundle_id: v.bundleId,
        version_status: v.status,
        version_description: v.versionDesc ?? '',
        create_time: formatBeijingOrNull(v.createdAt),
        ...basePromoteFields(v),
      }));
    return { app_version_infos: list };
  },
};

function categoryInfoList(call: MethodCall, categoryIds: string | null) {
  const paths = parseCategoryIds(categoryIds ?? '') ?? [];
  if (!paths.length) return [];
  const found = call.ctx.db.select().from(categories).where(inArray(categories.categoryId, paths.flat())).all();
  const name = (id: string | undefined) => (id ? (found.find((c) => c.categoryId === id)?.name ?? '') : '');
  // The third level may be empty (§4 detail.query).
  return paths.map(([first, second, third]) => ({
    first_category_id: first,
    first_category_name: name(first),
    second_category_id: second,
    second_category_name: name(second),
    third_category_id: third ?? '',
    third_category_name: name(third),
  }));
}

const detailQuery = {
  merchant: true,
  handle(call: MethodCall) {
    const { v } = versionNamed(call);
    const { ctx } = call;
    const app = ctx.db.select().from(miniApps).where(eq(miniApps.appId, v.appId)).get()!;
    const images = ctx.db.select().from(versionImages).where(eq(versionImages.versionId, v.id)).orderBy(asc(versionImages.position)).all();
    const versionLogo = images.find((i) => i.kind === 'logo');
    const built = buildState(v.createdAt, v.buildDurationMs, call.now) === 'success';
    return compact({
      app_version: v.appVersion,
      bundle_id: v.bundleId,
      app_name: v.appName ?? app.appName,
      app_english_name: v.appEnglishName ?? app.appEnglishName,
      app_logo: versionLogo ? versionImageUrl(ctx.appUrl, versionLogo.id) : app.logo ? logoUrl(ctx.appUrl, app.appId, app.updatedAt) : null,
      app_slogan: v.appSlogan ?? app.appSlogan,
      app_desc: v.appDesc ?? app.appDesc,
      version_desc: v.versionDesc,
      memo: v.memo,
      status: v.status,
      reject_reason: v.status === 'AUDIT_REJECT' ? v.rejectReason : null,
      scan_result: built ? 'True' : 'NAN',
      gray_strategy: v.status === 'GRAY' ? v.grayStrategy : null,
      gmt_create: formatBeijingOrNull(v.createdAt),
      gmt_apply_audit: formatBeijingOrNull(v.gmtApplyAudit),
      gmt_audit_end: formatBeijingOrNull(v.gmtAuditEnd),
      gmt_online: formatBeijingOrNull(v.gmtOnline),
      gmt_offline: formatBeijingOrNull(v.gmtOffline),
      service_phone: v.servicePhone ?? app.servicePhone,
      service_email: v.serviceEmail ?? app.serviceEmail,
      screen_shot_list: images.filter((i) => i.kind === 'screenshot').map((i) => versionImageUrl(ctx.appUrl, i.id)),
      mini_category_info_list: categoryInfoList(call, v.categoryIds ?? app.categoryIds),
      ...basePromoteFields(v),
    });
  },
};

const auditApply = {
  merchant: true,
  handle(call: MethodCall) {
    const { ctx } = call;
    const { v, siblings } = versionNamed(call);
    const bad = guardAuditApply(toView(v, call.now), views(call, siblings));
    if (bad) throw refusal(bad);
    const app = ctx.db.select().from(miniApps).where(eq(miniApps.appId, v.appId)).get()!;
    const checked = validateAuditApply({
      fields: call.fields,
      files: call.files,
      current: app,
      everOnline: app.everOnline,
      lookupCategory: categoryLookup(ctx),
      sensitiveWords: currentSettings(ctx).sensitiveWords,
    });
    if (!checked.ok) throw refusal(checked.refusal);
    const s = checked.value;
    const settings = currentSettings(ctx);
    setStatus(call, v, {
      status: 'AUDITING',
      appName: s.appName,
      appEnglishName: s.appEnglishName,
      appSlogan: s.appSlogan,
      appDesc: s.appDesc,
      servicePhone: s.servicePhone,
      serviceEmail: s.serviceEmail,
      categoryIds: s.categoryIds,
      versionDesc: s.versionDesc,
      regionType: s.regionType,
      serviceRegionInfo: s.serviceRegionInfo,
      memo: s.memo,
      testAccount: s.testAccount,
      testPassword: s.testPassword,
      licenseNo: s.licenseNo,
      licenseName: s.licenseName,
      licenseValidDate: s.licenseValidDate,
      licensePicCount: s.licensePics.length,
      outDoorPicCount: s.outDoorPics.length,
      specialLicensePicCount: s.specialLicensePics.length,
      screenshotCount: s.screenshots.length,
      autoOnline: s.autoOnline,
      auditRule: call.fields.audit_rule === 'BASE_PROMOTE' ? 'BASE_PROMOTE' : null,
      promoteAudit: null,
      gmtApplyAudit: call.now,
      gmtAuditEnd: null,
      rejectReason: null,
      reviewDueAt: settings.reviewMode === 'auto' ? call.now + settings.reviewDelayMs : null,
    });
    ctx.db.delete(versionImages).where(eq(versionImages.versionId, v.id)).run();
    const store = (kind: (typeof versionImages.$inferInsert)['kind'], list: { bytes: Buffer; mime: string }[]) =>
      list.forEach((img, position) => ctx.db.insert(versionImages).values({ versionId: v.id, kind, position, mime: img.mime, bytes: img.bytes }).run());
    store('screenshot', s.screenshots);
    store('license', s.licensePics);
    store('out_door', s.outDoorPics);
    store('special_license', s.specialLicensePics);
    if (s.logo) store('logo', [s.logo]);
    return { speed_up: 'false' };
  },
};

const auditCancel = {
  merchant: true,
  handle(call: MethodCall) {
    const siblings = siblingsOf(call);
    const wanted = call.fields.app_version;
    const v = wanted ? siblings.find((s) => s.appVersion === wanted) : siblings.find((s) => s.status === 'AUDITING');
    if (!v) throw businessError('AUDITING_VERSION_NOT_EXIST', wanted ? `版本 ${wanted} 不存在` : '没有审核中的版本');
    const bad = guardAuditCancel(toView(v, call.now));
    if (bad) throw refusal(bad);
    setStatus(call, v, { status: 'INIT', reviewDueAt: null });
    return {};
  },
};

/** A method that moves one named version after a guard. */
function transition(guard: (call: MethodCall, v: Version, siblings: Version[]) => { subCode: string; subMsg: string } | null, apply: (call: MethodCall, v: Version) => void) {
  return {
    merchant: true,
    handle(call: MethodCall) {
      const { v, siblings } = versionNamed(call);
      const bad = guard(call, v, siblings);
      if (bad) throw refusal(bad);
      apply(call, v);
      return {};
    },
  };
}

const auditedCancel = transition(
  (call, v) => guardAuditedCancel(toView(v, call.now)),
  (call, v) => setStatus(call, v, { status: 'INIT', auditRule: null, promoteAudit: null }),
);

const grayOnline = transition(
  (call, v) => guardGrayOnline(toView(v, call.now), call.fields.gray_strategy ?? ''),
  (call, v) => setStatus(call, v, { status: 'GRAY', grayStrategy: call.fields.gray_strategy as Version['grayStrategy'] }),
);

const grayCancel = transition(
  (call, v) => guardGrayCancel(toView(v, call.now)),
  // Back to the audit-passed status it came from (§4 Transitions).
  (call, v) => setStatus(call, v, { status: v.promoteAudit === 'REJECT' ? 'BASE_AUDIT_PASS' : 'WAIT_RELEASE', grayStrategy: null }),
);

const online = transition(
  (call, v) => {
    const bad = guardOnline(toView(v, call.now), { grayOptional: currentSettings(call.ctx).grayOptional });
    if (bad) return bad;
    // ICP gate (§4): a first release without filing only as a restricted release, when the ISV asks for one.
    if (needsRegistrationPermit(call.ctx, v.appId) && call.fields.permit_registration_limit_release !== 'true') {
      return { subCode: 'CAN_NOT_ONLINE_WITHOUT_REGISTRATION', subMsg: '小程序未完成ICP备案，不能上架；可传 permit_registration_limit_release=true 受限发布' };
    }
    return null;
  },
  // `downgrade` (pilot only) is accepted and ignored.
  (call, v) => goOnline(call.ctx, v, call.now),
);

const offline = transition(
  (call, v, siblings) => guardOffline(toView(v, call.now), views(call, siblings)),
  (call, v) => setStatus(call, v, { status: 'OFFLINE', gmtOffline: call.now }),
);

const rollback = transition(
  (call, v, siblings) => guardRollback(toView(v, call.now), views(call, siblings)),
  (call, v) => rollBack(call.ctx, v, call.now),
);

const remove = transition(
  (call, v) => guardDelete(toView(v, call.now)),
  (call, v) => setStatus(call, v, { deletedAt: call.now }),
);

const templateUsage = {
  merchant: false,
  handle(call: MethodCall) {
    const { ctx } = call;
    const templateId = call.fields.template_id;
    if (!templateId) throw businessError('TEMPLATE_ID_IS_BLANK', '模板 ID 不能为空');
    const { size, offset } = pageArgs(call, { page: 'page_num', size: 'page_size' }, 50, () =>
      businessError('PAGE_SIZE_EXCEED_MAX_QUERY_SIZE', '每页最多查询 50 条'),
    );
    const template = ctx.db.select().from(templates).where(eq(templates.templateId, templateId)).get();
    if (!template) throw businessError('CODE_TEMPLATE_NOT_EXIST', `模板 ${templateId} 不存在`);
    if (template.isvAppId !== call.isvAppId) throw businessError('TEMPLATE_ID_ISVAPPID_NOT_MATCH', `模板 ${templateId} 不属于当前服务商应用`);
    const conditions = [eq(versions.templateId, templateId), isNull(versions.deletedAt)];
    if (call.fields.template_version) conditions.push(eq(versions.templateVersion, call.fields.template_version));
    const rows = ctx.db
      .select({ appId: versions.appId, appVersion: versions.appVersion })
      .from(versions)
      .where(and(...conditions))
      .orderBy(desc(versions.createdAt), desc(versions.id))
      .limit(size)
      .offset(offset)
      .all();
    return { template_usage_info_list: rows.map((r) => ({ mini_app_id: r.appId, app_version: r.appVersion })) };
  },
};

export const versionMethods: MethodTable = {
  'alipay.open.mini.version.upload': upload,
  'alipay.open.mini.version.build.query': buildQuery,
  'alipay.open.mini.version.list.query': listQuery,
  'alipay.open.mini.version.detail.query': detailQuery,
  'alipay.open.mini.version.audit.apply': auditApply,
  'alipay.open.mini.version.audit.cancel': auditCancel,
  'alipay.open.mini.version.audited.cancel': auditedCancel,
  'alipay.open.mini.version.gray.online': grayOnline,
  'alipay.open.mini.version.gray.cancel': grayCancel,
  'alipay.open.mini.version.online': online,
  'alipay.open.mini.version.offline': offline,
  'alipay.open.mini.version.rollback': rollback,
  'alipay.open.mini.version.delete': remove,
  'alipay.open.mini.template.usage.query': templateUsage,
};
