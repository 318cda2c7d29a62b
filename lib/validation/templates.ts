// The templates pages' forms, shared by the browser (zodResolver) and the server actions. Messages are catalog keys
// under `templates.validation` (or the base catalog's `validation`).
import { z } from 'zod';
import { parseExtTemplate } from '@/lib/batches/ext-template';
import { VERSION_NUMBER } from '@/lib/versions/operations';

const templateId = z.string().trim().regex(/^\d{1,32}$/, 'templates.validation.templateId');

/** Staff's own note on a template version: the console's, never sent to the platform. */
export const versionNoteSchema = z.object({
  templateId,
  version: z.string().trim().regex(VERSION_NUMBER, 'templates.validation.version'),
  note: z.string().trim().max(200, 'validation.tooLong'),
});
export type VersionNoteInput = z.input<typeof versionNoteSchema>;

/** "从平台同步" takes nothing. */
/** The sync takes no input: anything sent with it is refused rather than ignored. */
export const syncTemplatesSchema = z.object({}).strict();

/** The catalog key of a template check's failure; the unknown variable's name goes with it as `variable`. */
export const EXT_TEMPLATE_MESSAGES = {
  invalidJson: 'templates.validation.invalidJson',
  notObject: 'templates.validation.notObject',
  unknownVariable: 'templates.validation.unknownVariable',
} as const;

export const extTemplateSchema = z.object({
  templateId,
  extTemplate: z
    .string()
    .max(64 * 1024, 'validation.tooLong')
    .superRefine((text, ctx) => {
      const parsed = parseExtTemplate(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: EXT_TEMPLATE_MESSAGES[parsed.error.code], params: parsed.error });
    }),
});
export type ExtTemplateInput = z.input<typeof extTemplateSchema>;

function isJsonObject(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

export const merchantExtSchema = z.object({
  templateId,
  merchantAppId: z.coerce.number().int().positive(),
  custom: z.record(z.string().regex(/^[A-Za-z_]\w*$/), z.string().max(500, 'validation.tooLong')),
  /** JSON text of an object merged over the rendered ext; empty for none. */
  override: z
    .string()
    .max(64 * 1024, 'validation.tooLong')
    .refine((v) => v.trim() === '' || isJsonObject(v), 'templates.validation.overrideNotObject'),
});
export type MerchantExtInput = z.input<typeof merchantExtSchema>;
export type MerchantExtValues = z.output<typeof merchantExtSchema>;
