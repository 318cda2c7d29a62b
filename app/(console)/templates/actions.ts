'use server';
// Templates actions: guard → validate → write (defineAction), then revalidate the templates pages.
import { revalidatePath } from 'next/cache';
import { eq } from 'drizzle-orm';
import { merchantApps } from '@/db/schema';
import { defineAction } from '@/lib/actions/define-action';
import { ActionError } from '@/lib/actions/result';
import { parseExtTemplate } from '@/lib/batches/ext-template';
import { upsertMerchantExt } from '@/lib/templates/ext-configs';
import { addTemplateVersion, findTemplate, registerTemplate, saveExtTemplate, setVersionOnShelf } from '@/lib/templates/registry';
import {
  addTemplateVersionSchema,
  EXT_TEMPLATE_MESSAGES,
  extTemplateSchema,
  merchantExtSchema,
  registerTemplateSchema,
  setVersionShelfSchema,
  type AddTemplateVersionInput,
  type ExtTemplateInput,
  type MerchantExtInput,
  type RegisterTemplateInput,
} from '@/lib/validation/templates';
import type { z } from 'zod';

const refreshPages = (templateId: string) => {
  revalidatePath('/templates');
  revalidatePath(`/templates/${templateId}`);
};

const registerAction = defineAction({
  name: 'templates.register',
  role: 'operator',
  schema: registerTemplateSchema,
  target: (i) => ({ type: 'template', id: i.templateId }),
  run: async (input, { db }) => {
    const r = registerTemplate(db, input);
    if (!r.ok) throw new ActionError('templates.errors.duplicateTemplate', { field: 'templateId', params: { templateId: input.templateId } });
    refreshPages(input.templateId);
    return { templateId: input.templateId };
  },
});

const addVersionAction = defineAction({
  name: 'templates.addVersion',
  role: 'operator',
  schema: addTemplateVersionSchema,
  target: (i) => ({ type: 'template', id: i.templateId }),
  run: async (input, { db }) => {
    const r = addTemplateVersion(db, input);
    if (!r.ok && r.error === 'duplicate') throw new ActionError('templates.errors.duplicateVersion', { field: 'version', params: { version: input.version } });
    if (!r.ok) throw new ActionError('templates.errors.templateNotFound');
    refreshPages(input.templateId);
    return { version: input.version };
  },
});

const setShelfAction = defineAction({
  name: 'templates.setShelf',
  role: 'operator',
  schema: setVersionShelfSchema,
  target: (i) => ({ type: 'template', id: i.templateId }),
  run: async (input, { db }) => {
    if (!setVersionOnShelf(db, input).ok) throw new ActionError('templates.errors.versionNotFound');
    refreshPages(input.templateId);
  },
});

const saveExtAction = defineAction({
  name: 'templates.saveExt',
  role: 'operator',
  schema: extTemplateSchema,
  target: (i) => ({ type: 'template', id: i.templateId }),
  run: async ({ templateId, extTemplate }, { db }) => {
    // The schema checked it already; parsed again here for the variable's name in the message.
    const parsed = parseExtTemplate(extTemplate);
    if (!parsed.ok) throw new ActionError(EXT_TEMPLATE_MESSAGES[parsed.error.code], { field: 'extTemplate', params: 'variable' in parsed.error ? { variable: parsed.error.variable } : {} });
    if (!saveExtTemplate(db, templateId, extTemplate)) throw new ActionError('templates.errors.templateNotFound');
    refreshPages(templateId);
  },
});

const saveMerchantExtAction = defineAction({
  name: 'templates.saveMerchantExt',
  role: 'operator',
  schema: merchantExtSchema,
  target: (i) => ({ type: 'merchantApp', id: i.merchantAppId }),
  run: async ({ templateId, merchantAppId, custom, override }, { db, user }) => {
    if (!findTemplate(db, templateId)) throw new ActionError('templates.errors.templateNotFound');
    if (!db.select({ id: merchantApps.id }).from(merchantApps).where(eq(merchantApps.id, merchantAppId)).get()) throw new ActionError('authorization.appNotFound');
    const values = Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
    upsertMerchantExt(db, { merchantAppId, templateId, custom: values, override: override.trim() ? (JSON.parse(override) as Record<string, unknown>) : null, updatedById: user.id });
    refreshPages(templateId);
  },
});

export async function registerTemplateRecord(input: RegisterTemplateInput) {
  return registerAction(input);
}
export async function addTemplateVersionRecord(input: AddTemplateVersionInput) {
  return addVersionAction(input);
}
export async function setTemplateVersionShelf(input: z.input<typeof setVersionShelfSchema>) {
  return setShelfAction(input);
}
export async function saveTemplateExt(input: ExtTemplateInput) {
  return saveExtAction(input);
}
export async function saveMerchantExt(input: MerchantExtInput) {
  return saveMerchantExtAction(input);
}
