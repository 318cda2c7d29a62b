'use server';
// "Select all matching" on /drift: the page sends only the shown rows and a count; the ids of every matching
// mini-program are read when an operator asks for them. A read: it checks the role itself and logs nothing.
import { getDb } from '@/lib/db';
import type { ActionResult } from '@/lib/actions/result';
import { AuthError, authorize } from '@/lib/auth/guard';
import { matchingSelectableIds } from '@/lib/drift/data';
import { driftQuerySchema, filterOf } from '@/lib/drift/rules';
import { latestOnShelf, listTemplateRecords } from '@/lib/templates/registry';

export async function selectDriftMatches(raw: unknown): Promise<ActionResult<number[]>> {
  try {
    // Operators and owners: the selection only leads into a batch.
    await authorize('operator');
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, error: e.message };
    throw e;
  }
  const parsed = driftQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: 'validation.fixFields' };
  const db = getDb();
  const template = listTemplateRecords(db).find((x) => x.templateId === parsed.data.template);
  if (!template) return { ok: false, error: 'drift.noTemplates' };
  const latest = latestOnShelf(db, template.templateId);
  return { ok: true, data: matchingSelectableIds(db, { templateId: template.templateId, latest }, filterOf(parsed.data)) };
}
