// Batch parameters, one schema per operation, shared by the create wizard and the engine (which re-parses the
// stored JSON). Messages are catalog keys under `batches.validation`.
import { z } from 'zod';
import { BATCH_OPERATIONS } from '@/db/schema-batches';
import { cjkLength } from '@/lib/pre-audit/text';
import { GRAY_STRATEGIES, VERSION_NUMBER } from '@/lib/versions/operations';
import { pageCodeFieldsSchema } from './codes';

const image = z.object({
  fileName: z.string().trim().regex(/\.(png|jpe?g)$/i, 'batches.validation.imageType'),
  /** Base64 of the file; the audit form is shared by every merchant of the batch. */
  base64: z.string().min(1).max(6 * 1024 * 1024, 'batches.validation.imageSize'),
});
export type StoredImage = z.output<typeof image>;

/** An optional text field: the form sends '' for an empty input, which means "not given". */
const blankToUndefined = (v: string | undefined) => (v ? v : undefined);
const optionalPhone = z
  .string()
  .trim()
  .regex(/^(?:[0-9-]{5,30})?$/, 'batches.validation.phone')
  .transform(blankToUndefined)
  .optional();
const optionalEmail = z
  .string()
  .trim()
  .refine((v) => v === '' || z.email().safeParse(v).success, 'batches.validation.email')
  .transform(blankToUndefined)
  .optional();

export const SCREENSHOTS_MIN = 2;
export const SCREENSHOTS_MAX = 5;

/** The audit form shared by every merchant of a batch: parsed in the wizard (browser) and again by the server. */
export const batchAuditFormSchema = z
  .object({
    versionDesc: z
      .string()
      .trim()
      .refine((v) => cjkLength(v) >= 30 && cjkLength(v) <= 500, 'batches.validation.versionDesc'),
    regionType: z.enum(['GLOBAL', 'CHINA']),
    servicePhone: optionalPhone,
    serviceEmail: optionalEmail,
    appSlogan: z.string().trim().optional(),
    appDesc: z.string().trim().optional(),
    categoryIds: z.array(z.string().regex(/^[^_;\s]+_[^_;\s]+$/)).max(4).optional(),
    memo: z.string().max(500).optional(),
    screenshots: z.array(image).min(SCREENSHOTS_MIN, 'batches.validation.screenshots').max(SCREENSHOTS_MAX, 'batches.validation.screenshots'),
    logo: image
      .nullable()
      .transform((v) => v ?? undefined)
      .optional(),
    autoOnline: z.boolean().default(false),
  })
  .refine((v) => v.servicePhone || v.serviceEmail, { path: ['servicePhone'], message: 'batches.validation.contact' });
export type BatchAuditForm = z.output<typeof batchAuditFormSchema>;
export type BatchAuditFormInput = z.input<typeof batchAuditFormSchema>;

const customFields = z.record(z.string(), z.string().max(500));

export const instantiateParamsSchema = z.object({
  templateId: z.string().trim().regex(/^\d{1,32}$/, 'batches.validation.templateId'),
  /** Empty: the platform takes the template's latest on-shelf version. */
  templateVersion: z
    .string()
    .trim()
    .refine((v) => v === '' || VERSION_NUMBER.test(v), 'batches.validation.templateVersion')
    .default(''),
  /** The ext config template (JSON text with `{{…}}` variables). */
  ext: z.string().max(64 * 1024),
  /** Per mini-program (auth app id): custom field values and an override object merged over the rendered ext. */
  perMerchant: z.record(z.string(), z.object({ custom: customFields.optional(), override: z.record(z.string(), z.unknown()).optional() })).default({}),
  /** Then submit the built version for audit with this shared form. */
  audit: batchAuditFormSchema.optional(),
});
export type InstantiateParams = z.output<typeof instantiateParamsSchema>;

/** Typing the operation's name confirms an irreversible batch (offline, rollback). */
const confirmed = (word: string) => z.object({ confirm: z.literal(word, 'batches.validation.confirm') });

export const BATCH_PARAM_SCHEMAS = {
  instantiate: instantiateParamsSchema,
  submitAudit: z.object({ audit: batchAuditFormSchema }),
  gray: z.object({ grayStrategy: z.enum(GRAY_STRATEGIES) }),
  online: z.object({}),
  rollback: confirmed('ROLLBACK'),
  offline: confirmed('OFFLINE'),
  addMember: z.object({ logonId: z.string().trim().min(3).max(100), role: z.enum(['EXPERIENCER', 'DEVELOPER']).default('EXPERIENCER') }),
  removeMember: z.object({ userId: z.string().trim().regex(/^2088\d{12}$/, 'batches.validation.userId'), role: z.enum(['EXPERIENCER', 'DEVELOPER']).default('EXPERIENCER') }),
  setServiceContact: z
    .object({
      servicePhone: z.string().trim().regex(/^[0-9-]{5,30}$/, 'batches.validation.phone').optional(),
      serviceEmail: z.email('batches.validation.email').optional(),
    })
    .refine((v) => v.servicePhone || v.serviceEmail, { path: ['servicePhone'], message: 'batches.validation.contact' }),
  /** The same page code for every merchant; the images download as one zip. */
  pageCode: pageCodeFieldsSchema,
} as const;

export type BatchParams = { [K in keyof typeof BATCH_PARAM_SCHEMAS]: z.output<(typeof BATCH_PARAM_SCHEMAS)[K]> };

export const batchRequestSchema = z.object({
  operation: z.enum(BATCH_OPERATIONS),
  params: z.record(z.string(), z.unknown()),
  merchantAppIds: z.array(z.coerce.number().int().positive()).min(1, 'batches.validation.selectApps').max(5000),
});
export type BatchRequest = z.input<typeof batchRequestSchema>;

export const batchIdSchema = z.object({ batchId: z.coerce.number().int().positive() });
