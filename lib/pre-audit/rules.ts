// The pre-audit check: the common reasons Alipay rejects a mini-program's information, as errors (it will be
// rejected) or warnings (it may be). The profile form, the batch screens and the audit screens all use this one
// module. Messages are catalog keys under `preAudit.rules.<rule>` (`message` and `why`), with no parameters, so the
// same key can stand under a form field.
import { brandPart, CLAIM_WORDS, NATIONAL_WORDS, PLACEHOLDERS, PLATFORM_BRANDS } from './words';
import { charLength, cjkLength, containsAny, EMAIL, ENGLISH_NAME, LIMITS, NAME_CHARS, SERVICE_PHONE } from './text';

export type PreAuditField = 'appName' | 'appEnglishName' | 'appSlogan' | 'appDesc' | 'servicePhone' | 'serviceEmail' | 'categoryIds';

export interface PreAuditSubject {
  appName?: string | null;
  appEnglishName?: string | null;
  appSlogan?: string | null;
  appDesc?: string | null;
  servicePhone?: string | null;
  serviceEmail?: string | null;
  /** Omitted when categories are not part of what is checked. */
  categoryCount?: number;
  /** The name can no longer change (the mini-program has been online): its rules are skipped. */
  nameLocked?: boolean;
}

export type PreAuditSeverity = 'error' | 'warning';

export interface PreAuditFinding {
  rule: string;
  field: PreAuditField;
  severity: PreAuditSeverity;
  /** `preAudit.rules.<rule>.message` */
  message: string;
  /** `preAudit.rules.<rule>.why`: one line on why Alipay rejects it. */
  why: string;
}

const finding = (rule: string, field: PreAuditField, severity: PreAuditSeverity): PreAuditFinding => ({
  rule,
  field,
  severity,
  message: `preAudit.rules.${rule}.message`,
  why: `preAudit.rules.${rule}.why`,
});

const present = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim().length > 0;

function nameRules(name: string | null | undefined, out: PreAuditFinding[]): void {
  if (!present(name)) {
    out.push(finding('nameMissing', 'appName', 'error'));
    return;
  }
  const n = charLength(name);
  if (n < LIMITS.appName.min || n > LIMITS.appName.max) out.push(finding('nameLength', 'appName', 'error'));
  if (!NAME_CHARS.test(name)) out.push(finding('nameChars', 'appName', 'error'));
  const brand = brandPart(name);
  const national = containsAny(name, NATIONAL_WORDS);
  if (national && !brand) out.push(finding('nameNational', 'appName', 'error'));
  else if (!brand) out.push(finding('nameGeneric', 'appName', 'error'));
  else if (national) out.push(finding('nameNationalWithBrand', 'appName', 'warning'));
  if (containsAny(name, PLATFORM_BRANDS)) out.push(finding('namePlatformBrand', 'appName', 'error'));
  if (containsAny(name, PLACEHOLDERS)) out.push(finding('namePlaceholder', 'appName', 'error'));
  if (containsAny(name, CLAIM_WORDS)) out.push(finding('nameClaim', 'appName', 'warning'));
}

/** Runs every rule; an empty list means nothing is known to be wrong. Errors come before warnings. */
export function preAuditCheck(s: PreAuditSubject): PreAuditFinding[] {
  const out: PreAuditFinding[] = [];
  if (!s.nameLocked) {
    nameRules(s.appName, out);
    if (present(s.appEnglishName)) {
      const n = s.appEnglishName.length;
      if (!ENGLISH_NAME.test(s.appEnglishName) || n < LIMITS.appEnglishName.min || n > LIMITS.appEnglishName.max) {
        out.push(finding('englishNameFormat', 'appEnglishName', 'error'));
      }
    }
  }

  if (!present(s.appSlogan)) out.push(finding('sloganMissing', 'appSlogan', 'warning'));
  else {
    const n = cjkLength(s.appSlogan);
    if (n < LIMITS.appSlogan.min || n > LIMITS.appSlogan.max) out.push(finding('sloganLength', 'appSlogan', 'error'));
    if (containsAny(s.appSlogan, PLACEHOLDERS)) out.push(finding('sloganPlaceholder', 'appSlogan', 'error'));
    if (present(s.appName) && s.appSlogan.trim() === s.appName.trim()) out.push(finding('sloganSameAsName', 'appSlogan', 'warning'));
  }

  if (!present(s.appDesc)) out.push(finding('descMissing', 'appDesc', 'warning'));
  else {
    const n = cjkLength(s.appDesc);
    if (n < LIMITS.appDesc.min || n > LIMITS.appDesc.max) out.push(finding('descLength', 'appDesc', 'error'));
    if (containsAny(s.appDesc, PLACEHOLDERS)) out.push(finding('descPlaceholder', 'appDesc', 'error'));
    if (present(s.appSlogan) && s.appDesc.trim() === s.appSlogan.trim()) out.push(finding('descSameAsSlogan', 'appDesc', 'warning'));
  }

  const phone = present(s.servicePhone) ? s.servicePhone.trim() : '';
  const email = present(s.serviceEmail) ? s.serviceEmail.trim() : '';
  if (!phone && !email) out.push(finding('contactMissing', 'servicePhone', 'error'));
  if (phone && (!SERVICE_PHONE.test(phone) || phone.length < LIMITS.servicePhone.min || phone.length > LIMITS.servicePhone.max)) {
    out.push(finding('phoneFormat', 'servicePhone', 'error'));
  }
  if (email && (!EMAIL.test(email) || email.length > LIMITS.serviceEmail.max)) out.push(finding('emailFormat', 'serviceEmail', 'error'));

  if (s.categoryCount !== undefined && (s.categoryCount < LIMITS.categories.min || s.categoryCount > LIMITS.categories.max)) {
    out.push(finding('categoryCount', 'categoryIds', 'error'));
  }
  return [...out.filter((f) => f.severity === 'error'), ...out.filter((f) => f.severity === 'warning')];
}

export const hasErrors = (findings: PreAuditFinding[]) => findings.some((f) => f.severity === 'error');

/** Every rule id with its severity, for the catalog test and documentation screens. */
export const PRE_AUDIT_RULES = [
  'nameMissing', 'nameLength', 'nameChars', 'nameGeneric', 'nameNational', 'nameNationalWithBrand', 'namePlatformBrand', 'namePlaceholder',
  'nameClaim', 'englishNameFormat', 'sloganMissing', 'sloganLength', 'sloganPlaceholder', 'sloganSameAsName', 'descMissing', 'descLength',
  'descPlaceholder', 'descSameAsSlogan', 'contactMissing', 'phoneFormat', 'emailFormat', 'categoryCount',
] as const;
