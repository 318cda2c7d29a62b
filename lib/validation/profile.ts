// The mini-program profile (base info) form, shared by the browser and the save action. Format rules come from
// the contract; on top, every pre-audit *error* is a field error, so a profile certain to be rejected is not saved.
import { z } from 'zod';
import { hasErrors, preAuditCheck } from '@/lib/pre-audit';

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
/** `first_second` or `first_second_third` (mini_category_ids, one rule with the audit form). */
export { CATEGORY_ID } from './audit-form';
import { CATEGORY_ID } from './audit-form';

const field = (max: number) => z.string().trim().max(max, 'validation.tooLong');

const logoSchema = z
  .custom<Blob>((v) => typeof Blob !== 'undefined' && v instanceof Blob, 'profile.logo.invalid')
  .refine((b) => (LOGO_TYPES as readonly string[]).includes(b.type), 'profile.logo.type')
  .refine((b) => b.size <= LOGO_MAX_BYTES, 'profile.logo.size');

export const profileSchema = z
  .object({
    merchantAppId: z.coerce.number().int().positive(),
    appName: field(100),
    appEnglishName: field(100),
    appSlogan: field(200),
    appDesc: field(1000),
    categoryIds: z.array(z.string().regex(CATEGORY_ID, 'profile.categories.invalid')).max(10),
    servicePhone: field(60),
    serviceEmail: field(200),
    /** Whether the name is frozen, as the page was told; the server decides again from the platform. */
    nameLocked: z.boolean(),
    logo: logoSchema.optional().nullable(),
    /** The values the form started from: a field left as shown does not overwrite a newer value on the platform. */
    startedFrom: z
      .object({
        appName: z.string(),
        appEnglishName: z.string(),
        appSlogan: z.string(),
        appDesc: z.string(),
        servicePhone: z.string(),
        serviceEmail: z.string(),
        categoryIds: z.array(z.string()),
      })
      .partial()
      .optional(),
  })
  .superRefine((v, ctx) => {
    const findings = preAuditCheck({ ...v, categoryCount: v.categoryIds.length });
    if (!hasErrors(findings)) return;
    const seen = new Set<string>();
    for (const f of findings) {
      if (f.severity !== 'error' || seen.has(f.field)) continue;
      seen.add(f.field);
      ctx.addIssue({ code: 'custom', path: [f.field], message: f.message });
    }
  });
export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileValues = z.output<typeof profileSchema>;

export const merchantAppIdSchema = z.object({ merchantAppId: z.coerce.number().int().positive() });

/** One server domain (safedomain.create / .delete): a host, optionally with https:// or wss:// (§4 Domains). */
export const safeDomainSchema = z.object({
  merchantAppId: z.coerce.number().int().positive(),
  safeDomain: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(253, 'validation.tooLong')
    .regex(/^(https:\/\/|wss:\/\/)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'domains.invalid'),
  remove: z.boolean().optional(),
});
export type SafeDomainInput = z.input<typeof safeDomainSchema>;

/** What a page shows from the platform: the overview adds the online version to the base info. */
export const SNAPSHOT_PARTS = ['baseInfo', 'overview'] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

export const refreshSnapshotSchema = z.object({
  merchantAppId: z.coerce.number().int().positive(),
  part: z.enum(SNAPSHOT_PARTS),
});
