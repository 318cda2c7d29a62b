// Merchant fields, shared by the add/edit form, the server actions and the CSV import. Messages are catalog keys.
import { z } from 'zod';
import { INDUSTRIES, MERCHANT_AUTH_STATUSES } from '@/lib/merchants/vocabulary';
import { stageQuerySchema } from '@/lib/dashboard/stage-names';

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Inner runs of white space become one space: "花美  花艺" and "花美 花艺" are the same merchant. */
export const normalizeMerchantName = (name: string) => name.trim().replace(/\s+/g, ' ');

const optionalText = (max: number) => z.string().trim().max(max, 'validation.tooLong');

export const merchantSchema = z.object({
  name: z
    .string()
    .transform(normalizeMerchantName)
    .pipe(z.string().min(2, 'merchants.validation.nameShort').max(50, 'validation.tooLong')),
  contactName: z.string().trim().min(1, 'validation.required').max(30, 'validation.tooLong'),
  mobile: z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
    .pipe(z.string().min(1, 'validation.required').regex(MOBILE_PATTERN, 'merchants.validation.mobile')),
  email: optionalText(100).refine((v) => v === '' || EMAIL_PATTERN.test(v), 'validation.email'),
  industry: z.enum(INDUSTRIES, 'merchants.validation.industry'),
  address: optionalText(200),
  remarks: optionalText(500),
});
export type MerchantInput = z.input<typeof merchantSchema>;
export type MerchantValues = z.output<typeof merchantSchema>;

export const merchantIdSchema = z.object({ merchantId: z.coerce.number().int().positive() });
export const updateMerchantSchema = merchantSchema.extend({ merchantId: z.coerce.number().int().positive() });

export const MERCHANT_SORTS = ['createdAt', 'updatedAt', 'name'] as const;
export type MerchantSort = (typeof MERCHANT_SORTS)[number];

/** The list's query string; anything malformed falls back to a default instead of failing the page. */
export const merchantListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.enum(MERCHANT_AUTH_STATUSES).optional().catch(undefined),
  industry: z.enum(INDUSTRIES).optional().catch(undefined),
  archived: z
    .enum(['1', '0'])
    .optional()
    .catch(undefined)
    .transform((v) => v === '1'),
  sort: z.enum(MERCHANT_SORTS).catch('createdAt').default('createdAt'),
  order: z.enum(['asc', 'desc']).catch('desc').default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce.number().int().min(10).max(100).catch(20).default(20),
}).extend(stageQuerySchema.shape);
export type MerchantListQuery = z.output<typeof merchantListQuerySchema>;

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;

export const importCsvSchema = z.object({
  csv: z.string().min(1, 'merchants.import.empty').max(MAX_IMPORT_BYTES, 'merchants.import.tooLarge'),
});
