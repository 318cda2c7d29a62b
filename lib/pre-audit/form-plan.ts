// What an audit form (one mini-program's wizard, or a batch's shared form) would send, as the pre-audit rules read it.
import type { AuditApplyPlan } from './acceptance';

/** The audit form's values as the browser holds them: anything may still be missing while it is being filled. */
export interface AuditFormValues {
  versionDesc?: string;
  regionType?: string;
  regions?: readonly string[];
  appName?: string;
  appEnglishName?: string;
  appSlogan?: string;
  appDesc?: string;
  categoryIds?: readonly string[];
  /** 'set': the service phone and email are sent; otherwise the platform keeps what it has. */
  contact?: string;
  servicePhone?: string;
  serviceEmail?: string;
  memo?: string;
  testAccount?: string;
  testPassword?: string;
  screenshots?: readonly unknown[];
  logo?: unknown;
  licenseNo?: string;
  licenseName?: string;
  licenseValidDate?: string;
  licensePics?: readonly unknown[];
  outDoorPic?: unknown;
  specialLicensePics?: readonly unknown[];
}

export function auditPlanOf(v: AuditFormValues): AuditApplyPlan {
  const contact = v.contact === 'set';
  return {
    versionDesc: v.versionDesc ?? '',
    regionType: v.regionType ?? '',
    regions: v.regions ?? [],
    appName: v.appName,
    appEnglishName: v.appEnglishName,
    appSlogan: v.appSlogan,
    appDesc: v.appDesc,
    categoryIds: v.categoryIds,
    servicePhone: contact ? v.servicePhone : undefined,
    serviceEmail: contact ? v.serviceEmail : undefined,
    memo: v.memo,
    testAccount: v.testAccount,
    testPassword: v.testPassword,
    screenshotCount: v.screenshots?.length ?? 0,
    hasLogo: !!v.logo,
    licence: {
      number: !!v.licenseNo?.trim(),
      name: !!v.licenseName?.trim(),
      validDate: !!v.licenseValidDate?.trim(),
      pictures: v.licensePics?.length ?? 0,
      outDoorPictures: v.outDoorPic ? 1 : 0,
      specialPictures: v.specialLicensePics?.length ?? 0,
    },
  };
}
