// The Codes tab's forms, shared by the browser, the actions and the batch. Messages are catalog keys under `codes.`.
import { z } from 'zod';
import { BINDABLE_MODES, isRouteUrl, PAGE_PATH, QUERY_PARAM } from '@/lib/codes/rules';

const merchantAppId = z.coerce.number().int().positive();

export const QR_SIZES = ['s', 'm', 'l'] as const;
/** `#RRGGBB` in the form; sent to the platform as `0xRRGGBB`. */
export const COLOR = /^#[0-9a-fA-F]{6}$/;

/** What one page code is: the page, its query, a description, size and colour. */
export const pageCodeFieldsSchema = z.object({
  urlParam: z
    .string()
    .trim()
    .transform((v) => v.replace(/^\/+/, ''))
    .pipe(z.string().min(1, 'codes.validation.pageRequired').max(200, 'validation.tooLong').regex(PAGE_PATH, 'codes.validation.page')),
  queryParam: z
    .string()
    .trim()
    .max(500, 'validation.tooLong')
    .refine((v) => v === '' || QUERY_PARAM.test(v), 'codes.validation.query')
    .default(''),
  describe: z.string().trim().min(1, 'codes.validation.describeRequired').max(40, 'codes.validation.describeLong'),
  size: z.enum(QR_SIZES).default('m'),
  color: z
    .string()
    .trim()
    .refine((v) => v === '' || COLOR.test(v), 'codes.validation.color')
    .default(''),
});
export type PageCodeFields = z.output<typeof pageCodeFieldsSchema>;
export type PageCodeFieldsInput = z.input<typeof pageCodeFieldsSchema>;

export const pageCodeSchema = pageCodeFieldsSchema.extend({ merchantAppId });
export type PageCodeInput = z.input<typeof pageCodeSchema>;

export const bindRouteSchema = z.object({
  merchantAppId,
  routeUrl: z.string().trim().min(1, 'codes.validation.urlRequired').max(500, 'validation.tooLong').refine(isRouteUrl, 'codes.validation.url'),
  mode: z.enum(BINDABLE_MODES, 'codes.validation.mode'),
  pageRedirection: z
    .string()
    .trim()
    .transform((v) => v.replace(/^\/+/, ''))
    .pipe(z.string().min(1, 'codes.validation.pageRequired').max(200, 'validation.tooLong').regex(PAGE_PATH, 'codes.validation.page')),
});
export type BindRouteInput = z.input<typeof bindRouteSchema>;

export const unbindRouteSchema = z.object({
  merchantAppId,
  routeGroup: z.string().trim().min(1).max(64),
  /** Needed by the platform for PATTERN rules; also what the operation log shows. */
  routeUrl: z.string().max(500).optional(),
  mode: z.string().max(20).optional(),
});
export type UnbindRouteInput = z.input<typeof unbindRouteSchema>;
