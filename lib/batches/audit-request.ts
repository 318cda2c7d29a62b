// One merchant's audit.apply request in a batch: the batch's shared form plus that merchant's own values. The
// service contact is the merchant's own (from the console's merchant record) unless staff chose to set one value
// for every merchant; the name is always the mini-program's own. Pure: the pre-flight checks exactly what the
// submit step will send.
import type { SubmitAuditInput } from '@/lib/alipay/versions';
import type { AuditApplyPlan, LicenceFacts } from '@/lib/pre-audit/acceptance';
import type { BatchAuditForm, StoredImage } from '@/lib/validation/batches';

/** What the console knows of one merchant and its mini-program. */
export interface OwnValues {
  /** The merchant record's phone and email: its own service contact. */
  merchantPhone?: string | null;
  merchantEmail?: string | null;
}

export type AuditRequest = Omit<SubmitAuditInput, 'appAuthToken' | 'appVersion' | 'screenshots' | 'appLogo' | 'license'> & {
  screenshots: readonly StoredImage[];
  appLogo?: StoredImage;
  /** The same qualifications for every merchant of the batch, when staff gave them. */
  license?: { licenseNo?: string; licenseName?: string; licenseValidDate?: string; pictures: readonly StoredImage[]; outDoorPicture?: StoredImage; specialPictures: readonly StoredImage[] };
};

const given = (v: string | null | undefined) => (v?.trim() ? v.trim() : undefined);

export function auditRequest(form: BatchAuditForm, own: OwnValues): AuditRequest {
  const shared = form.contact === 'set';
  return {
    versionDesc: form.versionDesc,
    regionType: form.regionType,
    serviceRegions: form.regionType === 'LOCATION' ? form.regions.map((provinceCode) => ({ provinceCode })) : undefined,
    appSlogan: given(form.appSlogan),
    appDesc: given(form.appDesc),
    miniCategoryIds: form.categoryIds.length ? form.categoryIds : undefined,
    servicePhone: shared ? given(form.servicePhone) : given(own.merchantPhone),
    serviceEmail: shared ? given(form.serviceEmail) : given(own.merchantEmail),
    memo: given(form.memo),
    testAccount: given(form.testAccount),
    testPassword: given(form.testAccount) ? form.testPassword || undefined : undefined,
    screenshots: form.screenshots,
    appLogo: form.logo ?? undefined,
    autoOnline: form.autoOnline,
    license: licenceOf(form),
  };
}

function licenceOf(form: BatchAuditForm): AuditRequest['license'] {
  const license = {
    licenseNo: given(form.licenseNo),
    licenseName: given(form.licenseName),
    licenseValidDate: given(form.licenseValidDate),
    pictures: form.licensePics,
    outDoorPicture: form.outDoorPic ?? undefined,
    specialPictures: form.specialLicensePics,
  };
  const any = license.licenseNo || license.licenseName || license.licenseValidDate || license.pictures.length || license.outDoorPicture || license.specialPictures.length;
  return any ? license : undefined;
}

/** The request as the acceptance rules read it. */
export function planOf(request: AuditRequest): AuditApplyPlan {
  return {
    versionDesc: request.versionDesc,
    regionType: request.regionType,
    regions: request.serviceRegions?.map((r) => r.provinceCode) ?? [],
    appName: request.appName,
    appEnglishName: request.appEnglishName,
    appSlogan: request.appSlogan,
    appDesc: request.appDesc,
    categoryIds: request.miniCategoryIds,
    servicePhone: request.servicePhone,
    serviceEmail: request.serviceEmail,
    memo: request.memo,
    testAccount: request.testAccount,
    testPassword: request.testPassword,
    screenshotCount: request.screenshots.length,
    hasLogo: !!request.appLogo,
    licence: licenceFacts(request.license),
  };
}

/** What the qualification rule reads of a request's licence fields. */
export function licenceFacts(l: AuditRequest['license'] | SubmitAuditInput['license']): LicenceFacts {
  return {
    number: !!l?.licenseNo,
    name: !!l?.licenseName,
    validDate: !!l?.licenseValidDate,
    pictures: l?.pictures?.length ?? 0,
    outDoorPictures: l?.outDoorPicture ? 1 : 0,
    specialPictures: l?.specialPictures?.length ?? 0,
  };
}

/** The summary a batch item keeps of what it sent: no images, only their count, never the test password. */
export function requestSummary(appVersion: string, request: AuditRequest) {
  const { screenshots, appLogo, testPassword, license, ...fields } = request;
  const licence = license
    ? { licenseNo: license.licenseNo, licenseName: license.licenseName, licenseValidDate: license.licenseValidDate, licensePics: license.pictures.length, outDoorPic: !!license.outDoorPicture, specialLicensePics: license.specialPictures.length }
    : {};
  return { method: 'audit.apply', appVersion, ...fields, ...licence, testPassword: testPassword ? '***' : undefined, screenshots: screenshots.length, logo: !!appLogo };
}
