// The audit form (alipay.open.mini.version.audit.apply, contract §4 field table), one definition for the single
// version's wizard and for a batch. Only the image representation differs: a browser Blob for one version, stored
// base64 for a batch (its form is kept with the batch). Messages are catalog keys under `audit.validation`.
import { z } from 'zod';
import { cjkLength } from '@/lib/pre-audit/text';

export const REGION_TYPES = ['GLOBAL', 'CHINA', 'LOCATION'] as const;
/** Instantiated mini-programs may send no screenshots; otherwise 2–5 (exactly one is refused). */
export const SCREENSHOT_MIN = 2;
export const SCREENSHOT_MAX = 5;
export const SCREENSHOT_MAX_BYTES = 4 * 1024 * 1024;
/** Qualification pictures (audit.apply licence fields, §4): business licence 1–5, special-industry licences ≤ 3. */
export const LICENSE_PIC_MAX = 5;
export const SPECIAL_LICENSE_PIC_MAX = 3;
/** `yyyy-MM-dd`; the platform reads `9999-12-31` as permanent. */
export const LICENSE_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LICENSE_PERMANENT = '9999-12-31';
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Server actions accept bodies up to 12 MB (next.config.js); the images must fit with the fields. */
export const AUDIT_UPLOAD_MAX_BYTES = 11 * 1024 * 1024;
/**
 * `own`: each mini-program keeps its own service contact (a batch sends each merchant's own phone and email);
 * `set`: staff chose to set the values typed here (for a batch: the same values on every merchant).
 */
export const CONTACT_MODES = ['own', 'set'] as const;
export type ContactMode = (typeof CONTACT_MODES)[number];

export const APP_NAME = { min: 3, max: 40 } as const;
export const APP_ENGLISH_NAME = { min: 3, max: 30 } as const;
/** audit.apply: CJK, letters, digits, `_`, `+`, `-`. */
export const AUDIT_NAME_CHARS = /^[\p{Script=Han}A-Za-z0-9_+-]+$/u;
export const ENGLISH_NAME_CHARS = /^[A-Za-z0-9]+$/;
export const SERVICE_PHONE = /^[0-9-]{5,30}$/;
export const SERVICE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** `first_second` or `first_second_third`. */
export const CATEGORY_ID = /^[^_;\s]+(_[^_;\s]+){1,2}$/;

/** An optional text: empty means "leave as it is". */
const optional = (max: number) => z.string().trim().max(max, 'validation.tooLong');
const between = (v: string, min: number, max: number) => cjkLength(v) >= min && cjkLength(v) <= max;

/** The fields every audit form has, with `image` the form's representation of one image. */
export function auditFormFields<I extends z.ZodType>(image: I) {
  return {
    versionDesc: z
      .string()
      .trim()
      .refine((v) => cjkLength(v) >= 30, 'audit.validation.versionDescShort')
      .refine((v) => cjkLength(v) <= 500, 'audit.validation.versionDescLong'),
    regionType: z.enum(REGION_TYPES, 'audit.validation.regionType'),
    /** Province codes (GB/T 2260), for LOCATION. */
    regions: z.array(z.string().regex(/^\d{6}$/)).max(40).default([]),
    screenshots: z.array(image).max(SCREENSHOT_MAX, 'audit.validation.screenshotCount'),
    testAccount: optional(100).default(''),
    testPassword: z.string().max(100, 'validation.tooLong').default(''),
    memo: optional(1000)
      .refine((v) => cjkLength(v) <= 500, 'audit.validation.memoLong')
      .default(''),
    appSlogan: optional(100)
      .refine((v) => v === '' || between(v, 10, 32), 'audit.validation.sloganLength')
      .default(''),
    appDesc: optional(1000)
      .refine((v) => v === '' || between(v, 20, 400), 'audit.validation.descLength')
      .default(''),
    /** Empty: keep the mini-program's categories. */
    categoryIds: z.array(z.string().regex(CATEGORY_ID, 'audit.validation.category')).max(4, 'audit.validation.categoryCount').default([]),
    /** Absent = `own`. */
    contact: z.enum(CONTACT_MODES).optional(),
    servicePhone: optional(30)
      .refine((v) => v === '' || SERVICE_PHONE.test(v), 'audit.validation.phone')
      .default(''),
    serviceEmail: optional(128)
      .refine((v) => v === '' || SERVICE_EMAIL.test(v), 'validation.email')
      .default(''),
    logo: image.nullable().optional(),
    autoOnline: z.boolean().default(false),
    // Qualifications (资质): asked for when a chosen category requires them (category.require.query, §4).
    licenseNo: optional(64).default(''),
    licenseName: optional(128).default(''),
    licenseValidDate: z
      .string()
      .trim()
      .refine((v) => v === '' || (LICENSE_DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))), 'qualifications.validation.date')
      .default(''),
    licensePics: z.array(image).max(LICENSE_PIC_MAX, 'qualifications.validation.licencePicCount').default([]),
    outDoorPic: image.nullable().optional(),
    specialLicensePics: z.array(image).max(SPECIAL_LICENSE_PIC_MAX, 'qualifications.validation.specialPicCount').default([]),
  };
}

/** The qualification fields of an empty form (both wizards start from these). */
export const LICENCE_DEFAULTS = { licenseNo: '', licenseName: '', licenseValidDate: '', licensePics: [] as never[], outDoorPic: null, specialLicensePics: [] as never[] };

/** An empty audit form, as the single-version wizard and the batch wizard both start it. */
export const AUDIT_FORM_DEFAULTS = {
  versionDesc: '',
  regionType: 'CHINA' as const,
  regions: [] as never[],
  screenshots: [] as never[],
  testAccount: '',
  testPassword: '',
  memo: '',
  appSlogan: '',
  appDesc: '',
  categoryIds: [] as never[],
  contact: 'own' as const,
  servicePhone: '',
  serviceEmail: '',
  logo: null,
  autoOnline: false,
  ...LICENCE_DEFAULTS,
};

/** The name fields: only a single version's form has them (a name is each mini-program's own). */
export const auditNameFields = {
  appName: optional(80)
    .refine((v) => v === '' || between(v, APP_NAME.min, APP_NAME.max), 'audit.validation.appNameLength')
    .refine((v) => v === '' || AUDIT_NAME_CHARS.test(v), 'audit.validation.appNameChars'),
  appEnglishName: optional(60).refine((v) => v === '' || (ENGLISH_NAME_CHARS.test(v) && between(v, APP_ENGLISH_NAME.min, APP_ENGLISH_NAME.max)), 'audit.validation.englishName'),
};

interface CrossFieldValues {
  regionType: string;
  regions: readonly string[];
  screenshots: readonly unknown[];
  testAccount: string;
  testPassword: string;
  contact?: ContactMode;
  servicePhone: string;
  serviceEmail: string;
  logo?: unknown;
  licenseNo?: string;
  licenseName?: string;
  licenseValidDate?: string;
  licensePics?: readonly unknown[];
  outDoorPic?: unknown;
  specialLicensePics?: readonly unknown[];
}

/** A business licence is its number, name, validity and at least one picture: given in part, the rest is asked for. */
const LICENCE_PARTS = ['licenseNo', 'licenseName', 'licenseValidDate', 'licensePics'] as const;

/** The rules across fields, shared by both forms. `sizeOf` gives an image's byte size. */
export function refineAuditForm<V extends CrossFieldValues>(sizeOf: (image: NonNullable<V['logo']> | V['screenshots'][number]) => number) {
  return (v: V, ctx: z.RefinementCtx) => {
    if (v.regionType === 'LOCATION' && v.regions.length === 0) ctx.addIssue({ code: 'custom', path: ['regions'], message: 'audit.validation.regions' });
    if (v.screenshots.length > 0 && v.screenshots.length < SCREENSHOT_MIN) ctx.addIssue({ code: 'custom', path: ['screenshots'], message: 'audit.validation.screenshotCount' });
    if (v.testAccount && !v.testPassword) ctx.addIssue({ code: 'custom', path: ['testPassword'], message: 'audit.validation.testPassword' });
    // The phone is becoming mandatory on the platform: setting a contact always sets a phone.
    if (v.contact === 'set' && !v.servicePhone) ctx.addIssue({ code: 'custom', path: ['servicePhone'], message: 'audit.validation.contactPhone' });
    const given = (k: (typeof LICENCE_PARTS)[number]) => (k === 'licensePics' ? (v.licensePics?.length ?? 0) > 0 : !!v[k]);
    if (LICENCE_PARTS.some(given)) {
      for (const k of LICENCE_PARTS.filter((p) => !given(p))) ctx.addIssue({ code: 'custom', path: [k], message: 'qualifications.validation.incomplete' });
    }
    const images = [...v.screenshots, ...(v.licensePics ?? []), ...(v.specialLicensePics ?? []), v.outDoorPic, v.logo].filter(Boolean);
    const total = images.reduce<number>((n, s) => n + sizeOf(s as never), 0);
    if (total > AUDIT_UPLOAD_MAX_BYTES) ctx.addIssue({ code: 'custom', path: ['screenshots'], message: 'audit.validation.uploadTooLarge' });
  };
}

/** Words in a version description that make the reviewer expect a test account (contract §5 rule 4). */
export const SIGN_IN_WORDS = ['登录', '会员'] as const;
export const signInWord = (versionDesc: string | null | undefined) => SIGN_IN_WORDS.find((w) => versionDesc?.includes(w));
