// Pre-flight of a batch: for every selected mini-program, whether it will run and, if not, why — checked on the
// console's copy of the platform's state before anything is sent. Pure. The engine still re-reads the platform
// (it is the truth), so a row that passes here can fail at run time with the platform's own reason.
import { hasErrors, preAuditCheck } from '@/lib/pre-audit';
import { grayChoices, nextAppVersion, operationAvailability, type VersionFacts, type VersionOperation } from '@/lib/versions/operations';
import type { BatchOperation } from '@/db/schema';
import type { BatchParams } from '@/lib/validation/batches';
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
  /** A catalog key when the authorization does not allow operations (issue 4's blockedReason), else null. */
  blocked: string | null;
  /** Already in an unfinished batch. */
  busy: boolean;
  /** The console's copy of the mini-program's live versions. */
  versions: readonly VersionFacts[];
  /** The name is frozen (has been online): pre-audit name rules do not apply. */
  nameLocked?: boolean;
  /** Categories the console set on the mini-program (undefined when it does not know). */
  categoryCount?: number;
}

export interface PreflightRow {
  authAppId: string;
  merchantName: string;
  /** Catalog key under `batches.preflight` (or another area's key) when skipped. */
  skip: { reason: string; params?: Record<string, string> } | null;
  /** The version the batch will act on, when known beforehand. */
  appVersion?: string;
}

export type PreflightResult = { ok: true; rows: PreflightRow[] } | { ok: false; error: ExtTemplateError };

type Skip = NonNullable<PreflightRow['skip']>;
const skip = (reason: string, params?: Record<string, string>): Skip => ({ reason: `batches.preflight.${reason}`, params });

function unavailable(op: VersionOperation, v: VersionFacts, all: readonly VersionFacts[]): Skip | null {
  const a = operationAvailability(op, v, all);
  return a.state === 'allowed' ? null : { reason: a.reason, params: a.params };
}

const newest = (versions: readonly VersionFacts[], ...statuses: string[]) => versions.find((v) => v.status !== null && statuses.includes(v.status));

function checkInstantiate(p: BatchParams['instantiate'], template: ParsedExtTemplate, s: PreflightSubject): { skip: Skip | null; appVersion?: string } {
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
    const planned: VersionFacts = { appVersion, status: 'INIT', buildStatus: 'success', experience: 'none', grayStrategy: null, canRelease: false, onlineByRollback: false };
    const blocked = unavailable('submitAudit', planned, [...s.versions, planned]);
    if (blocked) return { skip: blocked, appVersion };
    const audit = checkAudit(p.audit, s);
    if (audit) return { skip: audit, appVersion };
  }
  return { skip: null, appVersion };
}

function checkAudit(form: NonNullable<BatchParams['instantiate']['audit']>, s: PreflightSubject): Skip | null {
  const findings = preAuditCheck({
    appName: s.appName,
    appSlogan: form.appSlogan || undefined,
    appDesc: form.appDesc || undefined,
    servicePhone: form.servicePhone,
    serviceEmail: form.serviceEmail,
    nameLocked: s.nameLocked,
    // The platform refuses an audit without a category: the form's, else the ones the mini-program has.
    categoryCount: form.categoryIds?.length ? form.categoryIds.length : s.categoryCount,
  });
  if (!hasErrors(findings)) return null;
  return skip('preAudit', { rules: findings.filter((f) => f.severity === 'error').map((f) => f.rule).join(', ') });
}

function checkVersionOp<O extends BatchOperation>(operation: O, params: BatchParams[O], s: PreflightSubject): { skip: Skip | null; appVersion?: string } {
  const vs = s.versions;
  switch (operation) {
    case 'submitAudit': {
      const v = newest(vs, 'INIT');
      if (!v) return { skip: skip('noDevelopmentVersion') };
      return { skip: unavailable('submitAudit', v, vs) ?? checkAudit((params as BatchParams['submitAudit']).audit, s), appVersion: v.appVersion };
    }
    case 'gray': {
      const v = newest(vs, 'GRAY', 'WAIT_RELEASE');
      if (!v) return { skip: skip('noPassedVersion') };
      const strategy = (params as BatchParams['gray']).grayStrategy;
      if (!grayChoices(v).includes(strategy)) return { skip: skip('grayNotWider', { current: v.grayStrategy ?? '' }), appVersion: v.appVersion };
      return { skip: unavailable(v.status === 'GRAY' ? 'widenGray' : 'grayRelease', v, vs), appVersion: v.appVersion };
    }
    case 'online': {
      const v = newest(vs, 'GRAY', 'WAIT_RELEASE');
      if (!v) return { skip: skip('noReleasableVersion') };
      return { skip: unavailable('online', v, vs), appVersion: v.appVersion };
    }
    case 'rollback':
    case 'offline': {
      const v = newest(vs, 'RELEASE');
      if (!v) return { skip: skip('noOnlineVersion') };
      return { skip: unavailable(operation, v, vs), appVersion: v.appVersion };
    }
    default:
      return { skip: null };
  }
}

export function preflight<O extends BatchOperation>(operation: O, params: BatchParams[O], subjects: readonly PreflightSubject[]): PreflightResult {
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
    const checked = template ? checkInstantiate(params as BatchParams['instantiate'], template, s) : checkVersionOp(operation, params, s);
    return { ...base, skip: checked.skip, appVersion: checked.appVersion };
  });
  return { ok: true, rows };
}
