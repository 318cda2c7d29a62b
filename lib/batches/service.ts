// Starting a batch: parameters checked, pre-flight run, the batch and its items written in one transaction (the
// worker picks them up from there). Nothing is sent to the platform here.
import type { Db } from '@/db';
import type { Batch, BatchOperation } from '@/db/schema';
import { resolveInstantiateParams } from '@/lib/templates/resolve';
import { insertBatch } from './data';
import { parseParams, stepsOf, type ParsedParams } from './operations';
import { preflight, type PreflightResult, type PreflightRow, type PreflightSubject } from './preflight';

export interface Actor {
  id: number | null;
  email: string;
}

export type StartBatchOutcome =
  | { ok: true; batch: Batch; rows: PreflightRow[] }
  | { ok: false; error: 'invalidParams'; issues: { path: string; message: string }[] }
  | { ok: false; error: 'invalidTemplate'; detail: string }
  | { ok: false; error: 'nothingToRun'; rows: PreflightRow[] };

/** Applies the console's template records to an instantiate batch's parameters (lib/templates/resolve.ts). */
export function resolveParams(db: Db, parsed: ParsedParams, subjects: readonly PreflightSubject[]): ParsedParams {
  if (parsed.operation !== 'instantiate') return parsed;
  return { operation: 'instantiate', params: resolveInstantiateParams(db, parsed.params, subjects) };
}

/** The pre-flight the wizard shows, on the same resolved parameters startBatch will store. */
export function previewBatch(
  db: Db,
  operation: BatchOperation,
  rawParams: unknown,
  subjects: readonly PreflightSubject[],
): { ok: false; error: 'invalidParams'; issues: { path: string; message: string }[] } | PreflightResult {
  const parsed = parseParams(operation, rawParams);
  if (!parsed.ok) return { ok: false, error: 'invalidParams', issues: parsed.issues };
  const { params } = resolveParams(db, parsed.value, subjects);
  return preflight(operation, params, subjects);
}

/** Throws MerchantBusyError when a mini-program joined another batch since the pre-flight. */
export function startBatch(db: Db, actor: Actor, operation: BatchOperation, rawParams: unknown, subjects: readonly PreflightSubject[]): StartBatchOutcome {
  const parsed = parseParams(operation, rawParams);
  if (!parsed.ok) return { ok: false, error: 'invalidParams', issues: parsed.issues };
  const { params } = resolveParams(db, parsed.value, subjects);
  const checked = preflight(operation, params, subjects);
  if (!checked.ok) return { ok: false, error: 'invalidTemplate', detail: 'variable' in checked.error ? checked.error.variable : checked.error.code };
  if (!checked.rows.some((r) => !r.skip)) return { ok: false, error: 'nothingToRun', rows: checked.rows };
  const byApp = new Map(subjects.map((s) => [s.authAppId, s]));
  const batch = insertBatch(db, {
    operation,
    params,
    createdById: actor.id,
    createdByEmail: actor.email,
    steps: stepsOf(operation, params),
    items: checked.rows.map((r) => {
      const s = byApp.get(r.authAppId)!;
      return {
        merchantId: s.merchantId,
        merchantAppId: s.merchantAppId,
        authAppId: s.authAppId,
        merchantName: s.merchantName,
        skipReason: r.skip ? r.skip.reason + (r.skip.params ? ` ${JSON.stringify(r.skip.params)}` : '') : null,
      };
    }),
  });
  return { ok: true, batch, rows: checked.rows };
}
