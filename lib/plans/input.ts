// A new release plan's input, shared by the form (browser) and the server action. Messages are catalog keys.
import { z } from 'zod';
import { batchAuditFormSchema } from '@/lib/validation/batches';
import { GRAY_STRATEGIES, VERSION_NUMBER } from '@/lib/versions/operations';

const id = z.coerce.number().int().positive();

export const waveShapeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    /** Every wave but the last (which takes the rest). */
    percents: z
      .array(z.number().int('plans.validation.percent').min(1, 'plans.validation.percent').max(99, 'plans.validation.percent'))
      .min(1, 'plans.validation.waves')
      .max(9, 'plans.validation.waves')
      .refine((p) => p.reduce((a, b) => a + b, 0) < 100, 'plans.validation.percentSum'),
  }),
  z.object({ kind: z.literal('lists'), lists: z.array(z.array(id).min(1, 'plans.validation.emptyWave')).min(1, 'plans.validation.waves').max(10, 'plans.validation.waves') }),
]);

export const planInputSchema = z
  .object({
    name: z.string().trim().min(1, 'plans.validation.name').max(80, 'validation.tooLong'),
    templateId: z.string().trim().regex(/^\d{1,32}$/, 'batches.validation.templateId'),
    templateVersion: z.string().trim().regex(VERSION_NUMBER, 'batches.validation.templateVersion'),
    /** Empty: the template's stored ext config, rendered per merchant. */
    ext: z.string().max(64 * 1024).default(''),
    /** The plan's merchants in wave order (for `lists` waves: every id of the lists). */
    merchantAppIds: z.array(id).min(1, 'batches.validation.selectApps').max(5000),
    waves: waveShapeSchema,
    grayStrategy: z.enum(GRAY_STRATEGIES).nullable(),
    holdSeconds: z.number().int().min(0).max(30 * 86_400),
    gate: z.object({
      minOnline: z.number().int().min(0, 'plans.validation.percent0').max(100, 'plans.validation.percent0'),
      maxFailed: z.number().int().min(0, 'plans.validation.percent0').max(100, 'plans.validation.percent0'),
    }),
    audit: batchAuditFormSchema,
  })
  .superRefine((v, ctx) => {
    if (new Set(v.merchantAppIds).size !== v.merchantAppIds.length) ctx.addIssue({ code: 'custom', path: ['merchantAppIds'], message: 'plans.validation.duplicate' });
    if (v.waves.kind === 'lists') {
      const listed = v.waves.lists.flat();
      const same = listed.length === v.merchantAppIds.length && new Set([...listed, ...v.merchantAppIds]).size === v.merchantAppIds.length;
      if (!same) ctx.addIssue({ code: 'custom', path: ['waves'], message: 'plans.validation.listsCover' });
    }
  });
export type PlanInput = z.input<typeof planInputSchema>;
export type PlanValues = z.output<typeof planInputSchema>;

export const planIdSchema = z.object({ planId: id });
export const planMemberSchema = z.object({ planId: id, memberId: id });
export const fixAndResubmitSchema = z.object({
  planId: id,
  memberId: id,
  appName: z.string().trim().max(100, 'validation.tooLong'),
  appSlogan: z.string().trim().max(200, 'validation.tooLong'),
  appDesc: z.string().trim().max(1000, 'validation.tooLong'),
  categoryIds: z.array(z.string().regex(/^[^_;\s]+_[^_;\s]+$/, 'profile.categories.invalid')).min(1, 'plans.validation.categories').max(4),
});
export type FixAndResubmitInput = z.input<typeof fixAndResubmitSchema>;
