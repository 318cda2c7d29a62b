// Starting a batch: parameters checked, pre-flight run, the batch and its items written in one transaction (the
// worker picks them up from there). Nothing is sent to the platform here.
import type { Db } from '@/db';
import type { Batch, BatchOperation } from '@/db/schema';
import { storeParams } from '@/lib/messages/text';
import { storedImageFacts } from '@/lib/pre-audit/image-facts';
import { resolveInstantiateParams } from './instantiate-params';
import type { BatchAuditForm } from '@/lib/validation/batches';
import { insertBatch } from './data';
import { isConfirmed, needsConfirmation, parseParams, stepsOf, type ParsedParams } from './operations';
import { preflight, type PreflightContext, type PreflightResult, type PreflightRow, type PreflightSubject } from './preflight';

/** The stored skip reason: the catalog key and its parameters (with the platform's sub_code as `code`). */
export const skipReasonText = (skip: NonNullable<PreflightRow['skip']>) => {
  const params = skip.code ? { ...skip.params, code: skip.code } : skip.params;
  return { skipReason: skip.reason, skipParams: storeParams(params) };
};

/** The audit form's image bytes, read once for every merchant of the batch. */
export function preflightContext(params: unknown): PreflightContext {
  const audit = (params as { audit?: BatchAuditForm } | null)?.audit;
  if (!audit) return {};
  return { images: { screenshots: audit.screenshots.map(storedImageFacts), logo: audit.logo ? storedImageFacts(audit.logo) : null } };
}

export interface Actor {
  id: number | null;
  email: string;
}

export type StartBatchOutcome =
  | { ok: true; batch: Batch; rows: PreflightRow[] }
  | { ok: false; error: 'invalidParams'; issues: { path: string; message: string }[] }
  | { ok: false; error: 'invalidTemplate'; detail: string }
  | { ok: false; error: 'notConfirmed' }
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
  context?: Pick<PreflightContext, 'categoryTree'>,
): { ok: false; error: 'invalidParams'; issues: { path: string; message: string }[] } | PreflightResult {
  const parsed = parseParams(operation, rawParams);
  if (!parsed.ok) return { ok: false, error: 'invalidParams', issues: parsed.issues };
  const { params } = resolveParams(db, parsed.value, subjects);
  return preflight(operation, params, subjects, { ...preflightContext(params), ...context });
}

/**
 * Throws MerchantBusyError when a mini-program joined another batch since the pre-flight. A rollback or offline
 * batch needs `confirm`, the word typed once the pre-flight showed who is affected.
 */
export function startBatch(
  db: Db,
  actor: Actor,
  operation: BatchOperation,
  rawParams: unknown,
  subjects: readonly PreflightSubject[],
  options: { confirm?: string; context?: Pick<PreflightContext, 'categoryTree'> } = {},
): StartBatchOutcome {
  const parsed = parseParams(operation, rawParams);
  if (!parsed.ok) return { ok: false, error: 'invalidParams', issues: parsed.issues };
  if (needsConfirmation(operation) && !isConfirmed(operation, options.confirm)) return { ok: false, error: 'notConfirmed' };
  const { params } = resolveParams(db, parsed.value, subjects);
  const checked = preflight(operation, params, subjects, { ...preflightContext(params), ...options.context });
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
        ...(r.skip ? skipReasonText(r.skip) : { skipReason: null }),
      };
    }),
  });
  return { ok: true, batch, rows: checked.rows };
}
