// Pre-flight of a batch: for every selected mini-program, whether the platform would accept the batch's steps and,
// if not, what it would answer — checked on the console's copy of the platform's state before anything is sent,
// with the same rules the single version's screens use (lib/pre-audit/acceptance.ts, and through it the one
// version rule in lib/versions/operations.ts). Pure. The engine still re-reads the platform (it is the truth).
import { auditRefusals, stateRefusal, type CategoryTreeNode, type ImageFacts, type Refusal } from '@/lib/pre-audit/acceptance';
import { grayChoices, nextAppVersion, operationAvailability, type VersionFacts, type VersionOperation } from '@/lib/versions/operations';
import type { BatchOperation } from '@/db/schema';
import type { BatchAuditForm, BatchParams } from '@/lib/validation/batches';
import { auditRequest, planOf } from './audit-request';
import { parseExtTemplate, renderExt, type ExtTemplateError, type JsonValue, type ParsedExtTemplate } from './ext-template';

export interface PreflightSubject {
  merchantId: number | null;
  merchantAppId: number | null;
  authAppId: string;
  merchantName: string;
  merchantPhone: string;
  merchantEmail?: string | null;
  merchantContact?: string | null;
  appName?: string | null;
  /** A catalog key when the authorization does not allow operations (the authorization's blockedReason), else null. */
  blocked: string | null;
  /** Already in an unfinished batch. */
  busy: boolean;
  /** The console's copy of the mini-program's live versions. */
  versions: readonly VersionFacts[];
  /** The name is frozen (has been online): pre-audit name rules do not apply. */
  nameLocked?: boolean;
  /** Categories the console set on the mini-program (none known: the platform is taken to have none). */
  categoryIds?: readonly string[];
}

export interface PreflightRow {
  authAppId: string;
  merchantName: string;
  /** Catalog key (under `batches.preflight`, `acceptance` or `versions.reasons`) when skipped; `code` is what the platform would answer. */
  skip: { reason: string; params?: Record<string, string>; code?: string } | null;
  /** The version the batch will act on, when known beforehand. */
  appVersion?: string;
}

export type PreflightResult = { ok: true; rows: PreflightRow[] } | { ok: false; error: ExtTemplateError };

type Skip = NonNullable<PreflightRow['skip']>;
const skip = (reason: string, params?: Record<string, string>): Skip => ({ reason: `batches.preflight.${reason}`, params });
const fromRefusal = (r: Refusal): Skip => ({ reason: r.message, params: r.params, ...(r.code ? { code: r.code } : {}) });

/** What the caller knows beyond the subjects: the audit form's image bytes, the category tree. */
export interface PreflightContext {
  images?: { screenshots: readonly ImageFacts[]; logo?: ImageFacts | null };
  categoryTree?: readonly CategoryTreeNode[];
}

/** The version operations a batch operation runs, in the order a version is looked for. */
const VERSION_OPERATIONS_OF: Partial<Record<BatchOperation, readonly VersionOperation[]>> = {
  submitAudit: ['submitAudit'],
  gray: ['widenGray', 'grayRelease'],
  online: ['online'],
  rollback: ['rollback'],
  offline: ['offline'],
};
const NO_TARGET: Partial<Record<BatchOperation, string>> = {
  submitAudit: 'noDevelopmentVersion',
  gray: 'noPassedVersion',
  online: 'noReleasableVersion',
  rollback: 'noOnlineVersion',
  offline: 'noOnlineVersion',
};

/**
 * The version a batch operation acts on: the newest one for which the one rule offers one of its operations (shown,
 * even if disabled); with the operation that applies to it.
 */
export function targetVersion(operation: BatchOperation, versions: readonly VersionFacts[]): { version: VersionFacts; op: VersionOperation } | null {
  const ops = VERSION_OPERATIONS_OF[operation] ?? [];
  for (const version of versions) {
    const op = ops.find((o) => operationAvailability(o, version, versions).state !== 'hidden');
    if (op) return { version, op };
  }
  return null;
}

function checkAudit(form: BatchAuditForm, s: PreflightSubject, ctx: PreflightContext): Skip | null {
  const request = auditRequest(form, { merchantPhone: s.merchantPhone, merchantEmail: s.merchantEmail });
  const refusal = auditRefusals({
    plan: planOf(request),
    current: { appName: s.appName, categoryIds: s.categoryIds, nameLocked: s.nameLocked },
    images: ctx.images,
    categoryTree: ctx.categoryTree,
  })[0];
  return refusal ? fromRefusal(refusal) : null;
}

function checkInstantiate(p: BatchParams['instantiate'], template: ParsedExtTemplate, s: PreflightSubject, ctx: PreflightContext): { skip: Skip | null; appVersion?: string } {
  const appVersion = nextAppVersion(s.versions.map((v) => v.appVersion));
  const own = p.perMerchant[s.authAppId];
  const rendered = renderExt(template, {
    merchant: { name: s.merchantName, phone: s.merchantPhone, email: s.merchantEmail, contact: s.merchantContact },
    miniApp: { appId: s.authAppId, name: s.appName },
    custom: own?.custom,
    override: own?.override as Record<string, JsonValue> | undefined,
  });
  if (!rendered.ok) return { skip: skip('extMissing', { variable: rendered.error.variable }), appVersion };
  if (p.audit) {
    // The version this batch will build, as it will be once built: what the submission is checked against.
    const planned: VersionFacts = { appVersion, status: 'INIT', buildStatus: 'success', experience: 'none', grayStrategy: null, canRelease: false, onlineByRollback: false };
    const blocked = stateRefusal('submitAudit', planned, [...s.versions, planned]);
    if (blocked) return { skip: fromRefusal(blocked), appVersion };
    return { skip: checkAudit(p.audit, s, ctx), appVersion };
  }
  return { skip: null, appVersion };
}

function checkVersionOp<O extends BatchOperation>(operation: O, params: BatchParams[O], s: PreflightSubject, ctx: PreflightContext): { skip: Skip | null; appVersion?: string } {
  if (!VERSION_OPERATIONS_OF[operation]) return { skip: null };
  const target = targetVersion(operation, s.versions);
  if (!target) return { skip: skip(NO_TARGET[operation]!) };
  const { version, op } = target;
  const appVersion = version.appVersion;
  if (operation === 'gray') {
    const strategy = (params as BatchParams['gray']).grayStrategy;
    if (!grayChoices(version).includes(strategy)) return { skip: { ...skip('grayNotWider', { current: version.grayStrategy ?? '' }), code: 'GRAY_STRATEGY_NOT_ALLOW_REDUCE' }, appVersion };
  }
  const state = stateRefusal(op, version, s.versions);
  if (state) return { skip: fromRefusal(state), appVersion };
  if (operation === 'submitAudit') return { skip: checkAudit((params as BatchParams['submitAudit']).audit, s, ctx), appVersion };
  return { skip: null, appVersion };
}

export function preflight<O extends BatchOperation>(operation: O, params: BatchParams[O], subjects: readonly PreflightSubject[], ctx: PreflightContext = {}): PreflightResult {
  let template: ParsedExtTemplate | undefined;
  if (operation === 'instantiate') {
    const parsed = parseExtTemplate((params as BatchParams['instantiate']).ext || '{}');
    if (!parsed.ok) return { ok: false, error: parsed.error };
    template = parsed.template;
  }
  const rows = subjects.map((s): PreflightRow => {
    const base = { authAppId: s.authAppId, merchantName: s.merchantName };
    if (s.blocked) return { ...base, skip: { reason: s.blocked } };
    if (s.busy) return { ...base, skip: skip('busy') };
    const checked = template ? checkInstantiate(params as BatchParams['instantiate'], template, s, ctx) : checkVersionOp(operation, params, s, ctx);
    return { ...base, skip: checked.skip, appVersion: checked.appVersion };
  });
  return { ok: true, rows };
}
