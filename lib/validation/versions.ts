// Version forms, shared by the browser (zodResolver) and the server actions. Messages are catalog keys.
import { z } from 'zod';
import { auditFormFields, auditNameFields, LOGO_MAX_BYTES, refineAuditForm, SCREENSHOT_MAX_BYTES } from './audit-form';
import { GRAY_STRATEGIES, VERSION_NUMBER } from '@/lib/versions/operations';

const id = z.coerce.number().int().positive();
const appVersion = z.string().trim().regex(VERSION_NUMBER, 'versions.validation.appVersion');
/** What the page showed: a different status on the server means someone else acted meanwhile (kept raw, §8). */
const expectedStatus = z.string().trim().max(64).optional();

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

/** Online: staff may allow a restricted release (受限发布) for a mini-program without ICP filing (§4 ICP gate). */
export const onlineSchema = versionRefSchema.extend({ permitRegistrationLimitRelease: z.boolean().optional() });
export type OnlineInput = z.input<typeof onlineSchema>;

export const grayReleaseSchema = versionRefSchema.extend({ grayStrategy: z.enum(GRAY_STRATEGIES, 'versions.validation.grayStrategy') });
export type GrayReleaseInput = z.input<typeof grayReleaseSchema>;

/** Deleting is irreversible: the person types the version number. */
export const deleteVersionSchema = versionRefSchema
  .extend({ confirmVersion: z.string().trim() })
  .refine((v) => v.confirmVersion === v.appVersion, { path: ['confirmVersion'], message: 'versions.validation.confirmMismatch' });
export type DeleteVersionInput = z.input<typeof deleteVersionSchema>;

export const syncVersionsSchema = z.object({ merchantAppId: id, full: z.boolean().optional() });

// ── Submit for audit ───────────────────────────────────────────────────────────────────────────────────────
// The fields and their rules are the batch form's too (lib/validation/audit-form.ts).

export { AUDIT_UPLOAD_MAX_BYTES, LOGO_MAX_BYTES, REGION_TYPES, SCREENSHOT_MAX, SCREENSHOT_MAX_BYTES, SCREENSHOT_MIN } from './audit-form';
export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;

const image = (maxBytes: number, sizeMessage: string) =>
  z
    .custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'audit.validation.image')
    .refine((b) => (IMAGE_TYPES as readonly string[]).includes(b.type), 'audit.validation.imageType')
    .refine((b) => b.size <= maxBytes, sizeMessage);

export const submitAuditSchema = z
  .object({
    merchantAppId: id,
    appVersion,
    expectedStatus,
    agreed: z.literal(true, 'audit.validation.agree'),
    ...auditFormFields(image(SCREENSHOT_MAX_BYTES, 'audit.validation.screenshotSize')),
    ...auditNameFields,
    logo: image(LOGO_MAX_BYTES, 'audit.validation.logoSize').nullable().optional(),
  })
  .superRefine(refineAuditForm((b: Blob) => b.size));
export type SubmitAuditInput = z.input<typeof submitAuditSchema>;
export type SubmitAuditValues = z.output<typeof submitAuditSchema>;
