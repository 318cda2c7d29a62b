'use server';
// Templates actions: guard → validate → write (defineAction), then revalidate the templates pages.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { ActionError } from '@/lib/actions/result';
import { findMerchantApp } from '@/lib/authorization/data';
import { parseExtTemplate } from '@/lib/batches/ext-template';
import { upsertMerchantExt } from '@/lib/templates/data';
import { saveExtTemplate, setVersionNote } from '@/lib/templates/data';
import { findTemplate } from '@/lib/templates/registry';
import { syncTemplatesFromPlatform } from '@/lib/templates/sync';
import {
  EXT_TEMPLATE_MESSAGES,
  extTemplateSchema,
  merchantExtSchema,
  syncTemplatesSchema,
  versionNoteSchema,
  type ExtTemplateInput,
  type MerchantExtInput,
  type VersionNoteInput,
} from '@/lib/validation/templates';

const refreshPages = (templateId?: string) => {
  revalidatePath('/templates');
  if (templateId) revalidatePath(`/templates/${templateId}`);
};

const syncAction = defineAction({
  name: 'templates.sync',
  role: 'operator',
  schema: syncTemplatesSchema,
  run: async (_input, { db, user }) => {
    const r = await syncTemplatesFromPlatform(db, { byUserId: user.id });
    refreshPages();
    if (!r.ok) throw new ActionError('templates.sync.failed', { params: { error: r.error } });
    return {
      templates: r.templates,
      instances: r.instances,
      addedVersions: r.summary.addedVersions.length + r.summary.addedTemplates.length,
      vanished: r.summary.vanishedVersions.length + r.summary.vanishedTemplates.length,
    };
  },
});

const noteAction = defineAction({
  name: 'templates.versionNote',
  role: 'operator',
  schema: versionNoteSchema,
  target: (i) => ({ type: 'template', id: `${i.templateId}@${i.version}` }),
  run: async (input, { db }) => {
    if (!setVersionNote(db, input)) throw new ActionError('templates.errors.versionNotFound');
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
    if (!findMerchantApp(db, merchantAppId)) throw new ActionError('authorization.appNotFound');
    const values = Object.fromEntries(Object.entries(custom).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
    upsertMerchantExt(db, { merchantAppId, templateId, custom: values, override: override.trim() ? (JSON.parse(override) as Record<string, unknown>) : null, updatedById: user.id });
    refreshPages(templateId);
  },
});

export async function syncTemplates(input: Record<string, never> = {}) {
  return syncAction(input);
}
export async function saveVersionNote(input: VersionNoteInput) {
  return noteAction(input);
}
export async function saveTemplateExt(input: ExtTemplateInput) {
  return saveExtAction(input);
}
export async function saveMerchantExt(input: MerchantExtInput) {
  return saveMerchantExtAction(input);
}
