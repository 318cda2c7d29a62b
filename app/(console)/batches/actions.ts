'use server';
// Batch actions: guard → validate → run (defineAction), then revalidate the batch pages.
import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/actions/define-action';
import { ActionError } from '@/lib/actions/result';
import { cancelRemaining, MerchantBusyError, retryFailedItems } from '@/lib/batches/data';
import type { PreflightRow } from '@/lib/batches/preflight';
import { previewBatch, startBatch } from '@/lib/batches/service';
import { loadSubjects } from '@/lib/batches/subjects';
import { getCategoryTree } from '@/lib/profile/categories';
import { batchIdSchema, batchRequestSchema, type BatchRequest } from '@/lib/validation/batches';

function busy(e: unknown): never {
  if (e instanceof MerchantBusyError) throw new ActionError('batches.validation.busy', { params: { apps: e.authAppIds.slice(0, 5).join(', ') } });
  throw e;
}

/** The category tree, when the platform answers: categories the tree does not know are refused in the pre-flight. */
async function categoryContext() {
  const categoryTree = await getCategoryTree().catch(() => undefined);
  return categoryTree?.length ? { categoryTree } : {};
}

function paramsError(issues: { path: string; message: string }[]): never {
  const first = issues[0];
  throw new ActionError(first?.message ?? 'validation.fixFields', { field: first ? `params.${first.path}` : undefined });
}

const preflightAction = defineAction({
  name: 'batches.preflight',
  role: 'operator',
  schema: batchRequestSchema,
  run: async ({ operation, params, merchantAppIds }, { db }): Promise<PreflightRow[]> => {
    // The same resolution the start uses: stored ext config, each merchant's own values, the latest on-shelf version.
    const result = previewBatch(db, operation, params, loadSubjects(db, merchantAppIds), await categoryContext());
    if (!result.ok && 'issues' in result) paramsError(result.issues);
    if (!result.ok) throw new ActionError('batches.validation.invalidTemplate', { field: 'params.ext', params: { detail: 'variable' in result.error ? result.error.variable : result.error.code } });
    return result.rows;
  },
});

const startAction = defineAction({
  name: 'batches.start',
  role: 'operator',
  schema: batchRequestSchema,
  run: async ({ operation, params, merchantAppIds, confirm }, { db, user }): Promise<{ id: number }> => {
    const context = await categoryContext();
    let outcome;
    try {
      outcome = startBatch(db, { id: user.id, email: user.email }, operation, params, loadSubjects(db, merchantAppIds), { confirm, context });
    } catch (e) {
      busy(e);
    }
    if (!outcome.ok) {
      if (outcome.error === 'invalidParams') paramsError(outcome.issues);
      if (outcome.error === 'notConfirmed') throw new ActionError('batches.validation.confirm', { field: 'confirm' });
      if (outcome.error === 'invalidTemplate') throw new ActionError('batches.validation.invalidTemplate', { field: 'params.ext', params: { detail: outcome.detail } });
      throw new ActionError('batches.validation.nothingToRun');
    }
    revalidatePath('/batches');
    return { id: outcome.batch.id };
  },
  target: (_i, r) => (r ? { type: 'batch', id: r.id } : undefined),
});

const retryAction = defineAction({
  name: 'batches.retryFailed',
  role: 'operator',
  schema: batchIdSchema,
  target: (i) => ({ type: 'batch', id: i.batchId }),
  run: async ({ batchId }, { db }) => {
    let n = 0;
    try {
      n = retryFailedItems(db, batchId);
    } catch (e) {
      busy(e);
    }
    revalidatePath(`/batches/${batchId}`);
    return { n };
  },
});

const cancelAction = defineAction({
  name: 'batches.cancel',
  role: 'operator',
  schema: batchIdSchema,
  target: (i) => ({ type: 'batch', id: i.batchId }),
  run: async ({ batchId }, { db }) => {
    const n = cancelRemaining(db, batchId);
    revalidatePath(`/batches/${batchId}`);
    return { n };
  },
});

export async function preflightBatch(input: BatchRequest) {
  return preflightAction(input);
}
export async function startBatchRun(input: BatchRequest) {
  return startAction(input);
}
export async function retryFailed(input: { batchId: number }) {
  return retryAction(input);
}
export async function cancelBatch(input: { batchId: number }) {
  return cancelAction(input);
}
