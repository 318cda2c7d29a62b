'use server';
// Merchant actions: guard → validate → run → operation log (defineAction), then revalidate the pages that show it.
import { revalidatePath } from 'next/cache';
import { getDb } from '@/lib/db';
import { actionFailure, defineAction } from '@/lib/actions/define-action';
import { ActionError, type ActionResult } from '@/lib/actions/result';
import { AuthError, authorize } from '@/lib/auth/guard';
import { checkImport, importMerchants, type ImportRow } from '@/lib/merchants/import';
import { archiveMerchant, createMerchant, editMerchant, removeMerchant, restoreMerchant } from '@/lib/merchants/service';
import { importCsvSchema, merchantIdSchema, merchantSchema, updateMerchantSchema } from '@/lib/validation/merchants';

function revalidateMerchant(id?: number) {
  revalidatePath('/merchants');
  if (id) revalidatePath(`/merchants/${id}`, 'layout');
}

export const addMerchant = defineAction({
  name: 'merchants.create',
  role: 'operator',
  schema: merchantSchema,
  run: async (input, { db, user }) => {
    const m = createMerchant(db, input, user.id);
    revalidateMerchant();
    return { id: m.id, name: m.name };
  },
  target: (_i, m) => (m ? { type: 'merchant', id: m.id } : undefined),
});

export const updateMerchant = defineAction({
  name: 'merchants.update',
  role: 'operator',
  schema: updateMerchantSchema,
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async ({ merchantId, ...input }, { db }) => {
    const m = editMerchant(db, merchantId, input);
    revalidateMerchant(m.id);
    return { id: m.id, name: m.name };
  },
});

export const archiveMerchantAction = defineAction({
  name: 'merchants.archive',
  role: 'operator',
  schema: merchantIdSchema,
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async ({ merchantId }, { db }) => {
    archiveMerchant(db, merchantId);
    revalidateMerchant(merchantId);
    return undefined;
  },
});

export const restoreMerchantAction = defineAction({
  name: 'merchants.restore',
  role: 'operator',
  schema: merchantIdSchema,
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async ({ merchantId }, { db }) => {
    restoreMerchant(db, merchantId);
    revalidateMerchant(merchantId);
    return undefined;
  },
});

export const deleteMerchantAction = defineAction({
  name: 'merchants.delete',
  role: 'operator',
  schema: merchantIdSchema,
  target: (i) => ({ type: 'merchant', id: i.merchantId }),
  run: async ({ merchantId }, { db }) => {
    removeMerchant(db, merchantId);
    revalidateMerchant();
    return undefined;
  },
});

/** The preview writes nothing, so it is not an operation to log; it is still an operator's step. */
async function previewImport(raw: { csv: string }): Promise<ActionResult<{ rows: ImportRow[]; validCount: number }>> {
  try {
    await authorize('operator');
  } catch (e) {
    if (e instanceof AuthError) return { ok: false, error: e.message };
    throw e;
  }
  const parsed = importCsvSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0].message };
  try {
    const { rows, valid } = checkImport(getDb(), parsed.data.csv);
    return { ok: true, data: { rows, validCount: valid.length } };
  } catch (e) {
    if (e instanceof ActionError) return actionFailure(e);
    throw e;
  }
}

export const importMerchantsCsv = defineAction({
  name: 'merchants.import',
  role: 'operator',
  schema: importCsvSchema,
  run: async ({ csv }, { db, user }) => {
    const result = importMerchants(db, csv, user.id);
    revalidateMerchant();
    return result;
  },
});

// 'use server' modules may export only async functions.
export async function previewMerchantImport(input: { csv: string }) {
  return previewImport(input);
}
