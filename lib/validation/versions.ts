// Version forms, shared by the browser (zodResolver) and the server actions. Messages are catalog keys.
import { z } from 'zod';
import { APP_VERSION_STATUSES } from '@/db/schema-versions';
import { charLength, cjkLength, LIMITS } from '@/lib/pre-audit/text';
import { GRAY_STRATEGIES, VERSION_NUMBER } from '@/lib/versions/operations';

const id = z.coerce.number().int().positive();
const appVersion = z.string().trim().regex(VERSION_NUMBER, 'versions.validation.appVersion');
/** What the page showed: a different status on the server means someone else acted meanwhile. */
const expectedStatus = z.enum(APP_VERSION_STATUSES).optional();

export const EXT_MAX_LENGTH = 64 * 1024;

/** The ext config as typed: empty, or the text of a JSON object. */
export function extProblem(text: string): string | null {
  if (!text.trim()) return null;
  if (text.length > EXT_MAX_LENGTH) return 'versions.validation.extTooLong';
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? null : 'versions.validation.extNotObject';
  } catch {
    return 'versions.validation.extJson';
  }
}

/** Where an upload's ext comes from: the template's rendering for this mini-program, or staff's own text. */
export const EXT_MODES = ['template', 'override'] as const;

export const uploadVersionSchema = z
  .object({
    merchantAppId: id,
    templateId: z.string().trim().regex(/^\d{1,32}$/, 'versions.validation.templateId'),
    /** Empty: the platform takes the template's latest on-shelf version. */
    templateVersion: z.string().trim().refine((v) => v === '' || VERSION_NUMBER.test(v), 'versions.validation.templateVersion'),
    appVersion,
    extMode: z.enum(EXT_MODES).default('template'),
    /** Read only with extMode "override": the ext sent instead of the rendering (empty: none). */
    ext: z.string().default(''),
  })
  .superRefine((v, ctx) => {
    const problem = v.extMode === 'override' ? extProblem(v.ext) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['ext'], message: problem });
  });
export type UploadVersionInput = z.input<typeof uploadVersionSchema>;
export type UploadVersionValues = z.output<typeof uploadVersionSchema>;

/** One-button operations: the version and what the page showed. */
export const versionRefSchema = z.object({ merchantAppId: id, appVersion, expectedStatus });
export type VersionRefInput = z.input<typeof versionRefSchema>;

export const grayReleaseSchema = versionRefSchema.extend({ grayStrategy: z.enum(GRAY_STRATEGIES, 'versions.validation.grayStrategy') });
export type GrayReleaseInput = z.input<typeof grayReleaseSchema>;

/** Deleting is irreversible: the person types the version number. */
export const deleteVersionSchema = versionRefSchema
  .extend({ confirmVersion: z.string().trim() })
  .refine((v) => v.confirmVersion === v.appVersion, { path: ['confirmVersion'], message: 'versions.validation.confirmMismatch' });
export type DeleteVersionInput = z.input<typeof deleteVersionSchema>;

export const syncVersionsSchema = z.object({ merchantAppId: id, full: z.boolean().optional() });

// ── Submit for audit ───────────────────────────────────────────────────────────────────────────────────────

export const SCREENSHOT_MIN = 2;
export const SCREENSHOT_MAX = 5;
export const SCREENSHOT_MAX_BYTES = 4 * 1024 * 1024;
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
/** Server actions accept bodies up to 12 MB (next.config.js); the images must fit with the fields. */
export const AUDIT_UPLOAD_MAX_BYTES = 11 * 1024 * 1024;
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
export const REGION_TYPES = ['GLOBAL', 'CHINA', 'LOCATION'] as const;

const image = (maxBytes: number, sizeMessage: string) =>
  z
    .custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'audit.validation.image')
    .refine((b) => (IMAGE_TYPES as readonly string[]).includes(b.type), 'audit.validation.imageType')
    .refine((b) => b.size <= maxBytes, sizeMessage);

/** An optional text: empty means "leave as it is". */
const optional = (max: number) => z.string().trim().max(max, 'validation.tooLong');

export const submitAuditSchema = z
  .object({
    merchantAppId: id,
    appVersion,
    expectedStatus,
    agreed: z.literal(true, 'audit.validation.agree'),
    versionDesc: z
      .string()
      .trim()
      .refine((v) => cjkLength(v) >= 30, 'audit.validation.versionDescShort')
      .refine((v) => cjkLength(v) <= 500, 'audit.validation.versionDescLong'),
    regionType: z.enum(REGION_TYPES, 'audit.validation.regionType'),
    /** Province codes (GB/T 2260), for LOCATION. */
    regions: z.array(z.string().regex(/^\d{6}$/)).max(40),
    screenshots: z
      .array(image(SCREENSHOT_MAX_BYTES, 'audit.validation.screenshotSize'))
      .min(SCREENSHOT_MIN, 'audit.validation.screenshotCount')
      .max(SCREENSHOT_MAX, 'audit.validation.screenshotCount'),
    testAccount: optional(100),
    testPassword: z.string().max(100, 'validation.tooLong'),
    memo: optional(1000).refine((v) => cjkLength(v) <= 500, 'audit.validation.memoLong'),
    appName: optional(40).refine((v) => v === '' || (charLength(v) >= LIMITS.appName.min && charLength(v) <= LIMITS.appName.max), 'audit.validation.appNameLength').refine((v) => v === '' || /^[\p{Script=Han}A-Za-z0-9_]+$/u.test(v), 'audit.validation.appNameChars'),
    appEnglishName: optional(60).refine((v) => v === '' || /^[A-Za-z0-9 ]{3,30}$/.test(v), 'audit.validation.englishName'),
    appSlogan: optional(100).refine((v) => v === '' || (cjkLength(v) >= LIMITS.appSlogan.min && cjkLength(v) <= LIMITS.appSlogan.max), 'audit.validation.sloganLength'),
    appDesc: optional(1000).refine((v) => v === '' || (cjkLength(v) >= LIMITS.appDesc.min && cjkLength(v) <= LIMITS.appDesc.max), 'audit.validation.descLength'),
    /** Empty: keep the mini-program's categories. */
    categoryIds: z.array(z.string().regex(/^[^_;\s]+_[^_;\s]+$/, 'audit.validation.category')).max(LIMITS.categories.max, 'audit.validation.categoryCount'),
    servicePhone: optional(30).refine((v) => v === '' || /^[0-9-]{5,30}$/.test(v), 'audit.validation.phone'),
    serviceEmail: optional(128).refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'validation.email'),
    logo: image(LOGO_MAX_BYTES, 'audit.validation.logoSize').nullable().optional(),
    autoOnline: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.regionType === 'LOCATION' && v.regions.length === 0) ctx.addIssue({ code: 'custom', path: ['regions'], message: 'audit.validation.regions' });
    if (v.testAccount && !v.testPassword) ctx.addIssue({ code: 'custom', path: ['testPassword'], message: 'audit.validation.testPassword' });
    const total = v.screenshots.reduce((n, s) => n + s.size, 0) + (v.logo?.size ?? 0);
    if (total > AUDIT_UPLOAD_MAX_BYTES) ctx.addIssue({ code: 'custom', path: ['screenshots'], message: 'audit.validation.uploadTooLarge' });
  });
export type SubmitAuditInput = z.input<typeof submitAuditSchema>;
export type SubmitAuditValues = z.output<typeof submitAuditSchema>;
