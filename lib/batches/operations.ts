// What each batch operation does to one mini-program: its chain of steps, and whether it needs a typed confirmation.
import type { BatchOperation, BatchStep } from '@/db/schema-batches';
import { BATCH_PARAM_SCHEMAS, type BatchParams } from '@/lib/validation/batches';

export function stepsOf<O extends BatchOperation>(operation: O, params: BatchParams[O]): BatchStep[] {
  switch (operation) {
    case 'instantiate': {
      const p = params as BatchParams['instantiate'];
      if (!p.audit) return ['upload', 'build'];
      if (!p.release) return ['upload', 'build', 'submit'];
      // A release plan's wave: each merchant goes on alone as soon as its own audit passes.
      return ['upload', 'build', 'submit', 'awaitAudit', ...(p.release.grayStrategy ? (['gray', 'hold'] as const) : []), 'online'];
    }
    case 'submitAudit':
      return ['submit'];
    default:
      return [operation as Exclude<BatchOperation, 'instantiate' | 'submitAudit'>];
  }
}

export { CONFIRMATION_WORDS, isConfirmed, needsConfirmation } from '@/lib/validation/batches';

export type ParsedParams = { [O in BatchOperation]: { operation: O; params: BatchParams[O] } }[BatchOperation];

export function parseParams(operation: BatchOperation, raw: unknown): { ok: true; value: ParsedParams } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = BATCH_PARAM_SCHEMAS[operation].safeParse(raw);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  return { ok: true, value: { operation, params: parsed.data } as ParsedParams };
}

/** What the batch wizard offers (every operation: submitting for audit carries one shared audit form). */
export const WIZARD_OPERATIONS = ['instantiate', 'submitAudit', 'gray', 'online', 'rollback', 'offline', 'addMember', 'removeMember', 'setServiceContact', 'pageCode'] as const satisfies readonly BatchOperation[];
export type WizardOperation = (typeof WIZARD_OPERATIONS)[number];
export const isWizardOperation = (v: unknown): v is WizardOperation => (WIZARD_OPERATIONS as readonly unknown[]).includes(v);

/** What a link into the batch wizard may fill in beforehand (the drift view's "batch the selected"). */
export interface WizardInitial {
  merchantAppIds?: number[];
  operation?: WizardOperation;
  templateId?: string;
  templateVersion?: string;
}
