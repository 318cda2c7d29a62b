// Mini-program versions: upload and build, queries, audit, gray release, online/offline, rollback, delete.
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient, type UploadFile } from './client';
import { list, merchantRequest, openEnum, optionalFlag, optionalInteger, optionalOpenEnum, optionalText, text, type ImageFile, type MerchantScope } from './common';

import { BUILD_STATUS, GRAY_STRATEGIES, VERSION_STATUSES, type AnyVersionStatus, type GrayStrategy, type VersionStatus } from './vocabulary';

export { BUILD_STATUS, GRAY_STRATEGIES, VERSION_STATUSES, type AnyVersionStatus, type GrayStrategy, type VersionStatus };

/** list and detail queries always name the client: the docs say versions are seen only with it (§4). */
const DEFAULT_BUNDLE_ID = 'com.alipay.alipaywallet';
const withBundle = <T extends MerchantScope>(input: T): T => ({ ...input, bundleId: input.bundleId ?? DEFAULT_BUNDLE_ID });

export interface VersionRef extends MerchantScope {
  appVersion: string;
}

const noFields = z.object({});

// Upload and build answers are strings and may be absent (§4, §8): a 10000 without build_status is "queued".
const buildSchema = z.object({
  buildStatus: optionalInteger.transform((v) => v ?? BUILD_STATUS.QUEUED),
  createStatus: optionalInteger,
  needRotation: optionalFlag,
  versionCreated: optionalFlag,
});
export type BuildState = z.output<typeof buildSchema>;

export interface UploadVersionInput extends MerchantScope {
  templateId: string;
  /** `x.y.z`, greater than every existing version of this mini-program. */
  appVersion: string;
  /** Defaults to the template's latest on-shelf version. */
  templateVersion?: string;
  /** The instance's ext config; an object is sent as its JSON text. */
  ext?: string | Record<string, unknown>;
}

/** Starts building a new version; poll `queryBuild` until it leaves QUEUED/BUILDING. */
export function uploadVersion(input: UploadVersionInput, client: AlipayClient = getAlipayClient()): Promise<BuildState> {
  return client.call(
    'alipay.open.mini.version.upload',
    buildSchema,
    merchantRequest(input, {
      template_id: input.templateId,
      app_version: input.appVersion,
      template_version: input.templateVersion,
      // Sent as text: alipay-sdk would rewrite the keys of a nested object to snake_case.
      ext: typeof input.ext === 'object' ? JSON.stringify(input.ext) : input.ext,
    }),
  );
}

export function queryBuild(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<BuildState> {
  return client.call('alipay.open.mini.version.build.query', buildSchema, merchantRequest(input, { app_version: input.appVersion }));
}

const versionInfoSchema = z.object({
  appVersion: text,
  bundleId: optionalText,
  versionStatus: openEnum(VERSION_STATUSES),
  versionDescription: optionalText,
  createTime: optionalText,
  /** Only for versions submitted with audit_rule=BASE_PROMOTE; absent means "unknown", never false (§4). */
  canRelease: optionalFlag,
  baseAudit: optionalText,
  promoteAudit: optionalText,
});
export type VersionInfo = z.output<typeof versionInfoSchema>;

const versionListSchema = z.object({ appVersionInfos: list(versionInfoSchema) }).transform((r) => r.appVersionInfos);

/** Versions in the given statuses (all by default: the platform returns nothing when none is named), newest first. */
export function listVersions(
  input: MerchantScope & { versionStatuses?: readonly VersionStatus[] },
  client: AlipayClient = getAlipayClient(),
): Promise<VersionInfo[]> {
  const statuses = input.versionStatuses?.length ? input.versionStatuses : VERSION_STATUSES;
  return client.call('alipay.open.mini.version.list.query', versionListSchema, merchantRequest(withBundle(input), { version_status: statuses.join(',') }));
}

const categoryInfoSchema = z.object({
  firstCategoryId: optionalText,
  firstCategoryName: optionalText,
  secondCategoryId: optionalText,
  secondCategoryName: optionalText,
  thirdCategoryId: optionalText,
  thirdCategoryName: optionalText,
});

const versionDetailSchema = z.object({
  appVersion: text,
  appName: optionalText,
  appEnglishName: optionalText,
  appLogo: optionalText,
  appSlogan: optionalText,
  appDesc: optionalText,
  versionDesc: optionalText,
  memo: optionalText,
  status: openEnum(VERSION_STATUSES),
  rejectReason: optionalText,
  /** `True`, `False`, or `NAN` while the scan runs. */
  scanResult: optionalText,
  grayStrategy: optionalOpenEnum(GRAY_STRATEGIES),
  gmtCreate: optionalText,
  gmtApplyAudit: optionalText,
  gmtAuditEnd: optionalText,
  gmtOnline: optionalText,
  gmtOffline: optionalText,
  servicePhone: optionalText,
  serviceEmail: optionalText,
  screenShotList: list(text),
  miniCategoryInfoList: list(categoryInfoSchema),
  canRelease: optionalFlag,
  baseAudit: optionalText,
  promoteAudit: optionalText,
});
export type VersionDetail = z.output<typeof versionDetailSchema>;

export function getVersionDetail(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<VersionDetail> {
  return client.call('alipay.open.mini.version.detail.query', versionDetailSchema, merchantRequest(withBundle(input), { app_version: input.appVersion }));
}

export interface ServiceRegion {
  provinceCode: string;
  cityCode?: string;
  areaCode?: string;
}

/** Qualification for categories that need a licence (the platform rejects those audits without one). */
export interface AuditLicense {
  licenseNo?: string;
  licenseName?: string;
  /** `yyyy-MM-dd`. */
  licenseValidDate?: string;
  /** Up to 5 png/jpg images, sent as first_license_pic … fifth_license_pic. */
  pictures?: readonly ImageFile[];
  /** The shop front (门头照), for categories that need one; sent as out_door_pic. */
  outDoorPicture?: ImageFile;
  /** Up to 3 special-industry licences, sent as first_special_license_pic … third_special_license_pic. */
  specialPictures?: readonly ImageFile[];
}

export interface SubmitAuditInput extends VersionRef {
  versionDesc: string;
  regionType: 'GLOBAL' | 'CHINA' | 'LOCATION';
  /** Required when regionType is LOCATION. */
  serviceRegions?: ServiceRegion[];
  appName?: string;
  appEnglishName?: string;
  appSlogan?: string;
  appDesc?: string;
  /** 1–4 category ids from mini_category_list, each `first_second` or `first_second_third` (root to leaf). */
  miniCategoryIds?: readonly string[];
  servicePhone?: string;
  serviceEmail?: string;
  memo?: string;
  testAccount?: string;
  testPassword?: string;
  /** 2 to 5 png/jpg images, sent as first_screen_shot … fifth_screen_shot. */
  screenshots: readonly ImageFile[];
  /** Square png/jpg. */
  appLogo?: ImageFile;
  license?: AuditLicense;
  /** Go online by itself once the audit passes. */
  autoOnline?: boolean;
  /** BASE_PROMOTE splits the audit into admission and marketing (BASE_AUDIT_PASS, can_release; §4). */
  auditRule?: 'BASE_PROMOTE';
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const SCREENSHOT_FIELDS = ORDINALS.map((o) => `${o}_screen_shot`);
const LICENSE_PIC_FIELDS = ORDINALS.map((o) => `${o}_license_pic`);
const SPECIAL_LICENSE_PIC_FIELDS = ORDINALS.slice(0, 3).map((o) => `${o}_special_license_pic`);

const auditApplySchema = z.object({ speedUp: optionalFlag, speedUpMemo: optionalText });
export type AuditApplyResult = z.output<typeof auditApplySchema>;

/** Submits a development version for audit; its parameters are top-level (multipart because of the images). */
export function submitAudit(input: SubmitAuditInput, client: AlipayClient = getAlipayClient()): Promise<AuditApplyResult> {
  const licensePictures = input.license?.pictures ?? [];
  if (input.screenshots.length > SCREENSHOT_FIELDS.length) throw new RangeError(`at most ${SCREENSHOT_FIELDS.length} screenshots`);
  if (licensePictures.length > LICENSE_PIC_FIELDS.length) throw new RangeError(`at most ${LICENSE_PIC_FIELDS.length} licence pictures`);
  const specialPictures = input.license?.specialPictures ?? [];
  if (specialPictures.length > SPECIAL_LICENSE_PIC_FIELDS.length) throw new RangeError(`at most ${SPECIAL_LICENSE_PIC_FIELDS.length} special licence pictures`);
  const files: UploadFile[] = [
    ...input.screenshots.map((image, i) => ({ field: SCREENSHOT_FIELDS[i], ...image })),
    ...licensePictures.map((image, i) => ({ field: LICENSE_PIC_FIELDS[i], ...image })),
    ...specialPictures.map((image, i) => ({ field: SPECIAL_LICENSE_PIC_FIELDS[i], ...image })),
  ];
  if (input.license?.outDoorPicture) files.push({ field: 'out_door_pic', ...input.license.outDoorPicture });
  if (input.appLogo) files.push({ field: 'app_logo', ...input.appLogo });
  return client.call('alipay.open.mini.version.audit.apply', auditApplySchema, {
    appAuthToken: input.appAuthToken,
    fields: {
      bundle_id: input.bundleId,
      app_version: input.appVersion,
      version_desc: input.versionDesc,
      region_type: input.regionType,
      service_region_info: input.serviceRegions
        ? JSON.stringify(input.serviceRegions.map((r) => ({ province_code: r.provinceCode, city_code: r.cityCode, area_code: r.areaCode })))
        : undefined,
      app_name: input.appName,
      app_english_name: input.appEnglishName,
      app_slogan: input.appSlogan,
      app_desc: input.appDesc,
      mini_category_ids: input.miniCategoryIds?.join(';'),
      service_phone: input.servicePhone,
      service_email: input.serviceEmail,
      memo: input.memo,
      test_accout: input.testAccount,
      test_password: input.testPassword,
      license_no: input.license?.licenseNo,
      license_name: input.license?.licenseName,
      license_valid_date: input.license?.licenseValidDate,
      auto_online: input.autoOnline === undefined ? undefined : String(input.autoOnline),
      audit_rule: input.auditRule,
    },
    files,
  });
}

/** Withdraws the version in audit (the one in AUDITING when appVersion is omitted); it returns to INIT. */
export async function cancelAudit(input: MerchantScope & { appVersion?: string }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.version.audit.cancel', noFields, merchantRequest(input, { app_version: input.appVersion }));
}

/** audited.cancel: a passed or rejected version goes back to development (INIT). */
export async function returnToDevelopment(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.version.audited.cancel', noFields, merchantRequest(input, { app_version: input.appVersion }));
}

/** Starts (or widens, never narrows) a gray release of a passed version. */
export async function startGrayRelease(input: VersionRef & { grayStrategy: GrayStrategy }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call(
    'alipay.open.mini.version.gray.online',
    noFields,
    merchantRequest(input, { app_version: input.appVersion, gray_strategy: input.grayStrategy }),
  );
}

/** Ends a gray release; the version is WAIT_RELEASE again. */
export async function cancelGrayRelease(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.version.gray.cancel', noFields, merchantRequest(input, { app_version: input.appVersion }));
}

/**
 * Puts the version online; the previously online version goes OFFLINE. `permitRegistrationLimitRelease`: staff chose
 * a restricted release (受限发布) for a mini-program without ICP filing (§4 ICP gate); sent only when true.
 */
export async function releaseVersion(input: VersionRef & { permitRegistrationLimitRelease?: boolean }, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call(
    'alipay.open.mini.version.online',
    noFields,
    merchantRequest(input, { app_version: input.appVersion, permit_registration_limit_release: input.permitRegistrationLimitRelease ? true : undefined }),
  );
}

export async function takeVersionOffline(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.version.offline', noFields, merchantRequest(input, { app_version: input.appVersion }));
}

/** Takes the online version offline and puts the previously online version back, without audit. */
export async function rollbackVersion(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.version.rollback', noFields, merchantRequest(input, { app_version: input.appVersion }));
}

export async function deleteVersion(input: VersionRef, client: AlipayClient = getAlipayClient()): Promise<void> {
  await client.call('alipay.open.mini.version.delete', noFields, merchantRequest(input, { app_version: input.appVersion }));
}
