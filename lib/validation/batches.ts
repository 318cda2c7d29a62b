// Batch parameters, one schema per operation, shared by the create wizard and the engine (which re-parses the
// stored JSON). Messages are catalog keys under `batches.validation`.
import { z } from 'zod';
import { BATCH_OPERATIONS } from '@/lib/batches/vocabulary';
import type { Locale } from '@/lib/i18n/core';
import { GRAY_STRATEGIES, VERSION_NUMBER } from '@/lib/versions/operations';
import { auditFormFields, refineAuditForm } from './audit-form';
import { pageCodeFieldsSchema } from './codes';

const image = z.object({
  fileName: z.string().trim().regex(/\.(png|jpe?g)$/i, 'batches.validation.imageType'),
  /** Base64 of the file; the audit form is shared by every merchant of the batch. Its bytes are checked in the pre-flight. */
  base64: z.string().min(1).max(6 * 1024 * 1024, 'batches.validation.imageSize'),
});
export type StoredImage = z.output<typeof image>;
export const storedImageBytes = (i: StoredImage) => Math.floor((i.base64.length * 3) / 4);

/**
 * The audit form of a batch: the single version's form without the name fields (each mini-program keeps its own
 * name). Parsed in the wizard (browser) and again by the server; the contact is each merchant's own unless staff
 * choose `contact: 'set'`.
 */
export const batchAuditFormSchema = z.object(auditFormFields(image)).superRefine(refineAuditForm(storedImageBytes));
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
  /**
   * A release plan's wave (lib/plans): once the audit passes, gray at this share (none: straight online), hold the
   * gray this many seconds, then online. Requires `audit`.
   */
  release: z
    .object({
      grayStrategy: z.enum(GRAY_STRATEGIES).nullable().default(null),
      holdSeconds: z.number().int().min(0).max(30 * 86_400).default(0),
    })
    .optional(),
});
export type InstantiateParams = z.output<typeof instantiateParamsSchema>;

/**
 * Batches that take versions offline cannot be undone by another batch: once the pre-flight has shown who is
 * affected, the person types the operation's word, in the language the console shows.
 */
export const CONFIRMATION_WORDS = {
  rollback: { 'zh-CN': '回滚', en: 'ROLLBACK' },
  offline: { 'zh-CN': '下架', en: 'OFFLINE' },
} as const satisfies Partial<Record<(typeof BATCH_OPERATIONS)[number], Record<Locale, string>>>;
export type ConfirmedOperation = keyof typeof CONFIRMATION_WORDS;
export const needsConfirmation = (operation: string): operation is ConfirmedOperation => operation in CONFIRMATION_WORDS;
/** Either language's word is accepted: the person may have switched languages since the page loaded. */
export const isConfirmed = (operation: ConfirmedOperation, typed: string | undefined) =>
  (Object.values(CONFIRMATION_WORDS[operation]) as string[]).includes((typed ?? '').trim());

export const BATCH_PARAM_SCHEMAS = {
  instantiate: instantiateParamsSchema,
  submitAudit: z.object({ audit: batchAuditFormSchema }),
  gray: z.object({ grayStrategy: z.enum(GRAY_STRATEGIES) }),
  /** Staff may allow a restricted release (受限发布) for merchants without ICP filing (§4 ICP gate). */
  online: z.object({ permitRegistrationLimitRelease: z.boolean().default(false) }),
  rollback: z.object({}),
  offline: z.object({}),
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
  /** The typed confirmation word of a rollback or offline batch (asked after the pre-flight). */
  confirm: z.string().trim().max(40).optional(),
});
export type BatchRequest = z.input<typeof batchRequestSchema>;

export const batchIdSchema = z.object({ batchId: z.coerce.number().int().positive() });
