// Would the platform accept this step for this mini-program? One answer for the single audit wizard, the batch
// wizard and the batch pre-flight. A refusal names what the platform would answer: the sub_code of
// audit.apply (contract §4 field table) or of the version operation (§4 transitions, through the one rule in
// lib/versions/operations.ts), or — for what passes the gateway but the reviewer rejects (§5) — `AUDIT_REJECT`.
// Pure, no I/O: image bytes are read by the caller (imageFacts) and passed in. A new rule is one entry in
// AUDIT_RULES.
import { operationAvailability, type VersionFacts, type VersionOperation } from '@/lib/versions/operations';
import {
  APP_ENGLISH_NAME,
  APP_NAME,
  AUDIT_NAME_CHARS,
  CATEGORY_ID,
  ENGLISH_NAME_CHARS,
  LOGO_MAX_BYTES,
  SCREENSHOT_MAX,
  SCREENSHOT_MAX_BYTES,
  SCREENSHOT_MIN,
  SERVICE_EMAIL,
  SERVICE_PHONE,
  signInWord,
} from '@/lib/validation/audit-form';
import { preAuditCheck } from './rules';
import { cjkLength } from './text';

/** What the platform has on file for the mini-program, as far as the console knows. */
export interface CurrentProfile {
  appName?: string | null;
  appEnglishName?: string | null;
  appSlogan?: string | null;
  appDesc?: string | null;
  servicePhone?: string | null;
  serviceEmail?: string | null;
  /** `first_second[_third]` ids; empty or undefined = none the console knows of. */
  categoryIds?: readonly string[];
  /** The mini-program has been online: its names can no longer change. */
  nameLocked?: boolean;
}

/** The fields one audit.apply request sends (undefined = not sent: the platform keeps what it has). */
export interface AuditApplyPlan {
  versionDesc: string;
  regionType: string;
  regions: readonly string[];
  appName?: string;
  appEnglishName?: string;
  appSlogan?: string;
  appDesc?: string;
  categoryIds?: readonly string[];
  servicePhone?: string;
  serviceEmail?: string;
  memo?: string;
  testAccount?: string;
  testPassword?: string;
  screenshotCount: number;
  hasLogo: boolean;
  /** The qualification fields sent (absent: none). */
  licence?: LicenceFacts;
}

/** What a request carries of the audit.apply licence fields (§4). */
export interface LicenceFacts {
  number: boolean;
  name: boolean;
  validDate: boolean;
  pictures: number;
  outDoorPictures: number;
  specialPictures: number;
}

/** Which qualifications one category asks for (category.require.query, or category.query's flags). */
export interface QualificationNeed {
  /** `first_second[_third]`. */
  code: string;
  /** The category's name as the platform gives it (may be empty). */
  name: string;
  businessLicence: boolean;
  doorPhoto: boolean;
  specialLicence: boolean;
  /** The platform's own requirement text, when it sent one. */
  text?: string;
}

/** An image as its bytes show it: `info` null when the bytes are neither png nor jpg. */
export interface ImageFacts {
  bytes: number;
  info: { mime: string; width: number; height: number } | null;
}

export interface CategoryTreeNode {
  value: string;
  label?: string;
  needLicense?: boolean;
  needOutDoorPic?: boolean;
  needSpecialLicense?: boolean;
  children?: readonly CategoryTreeNode[];
}

export interface AuditCheck {
  plan: AuditApplyPlan;
  current: CurrentProfile;
  /** When the caller has the bytes (server side). */
  images?: { screenshots: readonly ImageFacts[]; logo?: ImageFacts | null };
  /** When known, every category must be a path of it (INVALID_CATEGORY); its flags say which need qualifications. */
  categoryTree?: readonly CategoryTreeNode[];
  /** category.require.query's answer for the effective categories; wins over the tree's flags where given. */
  requirements?: readonly QualificationNeed[];
}

export type RefusedBy = 'gateway' | 'reviewer';

export interface Refusal {
  rule: string;
  /** What the platform answers: a sub_code, or AUDIT_REJECT for a reviewer's rejection. */
  code: string;
  /** Catalog key of the explanation. */
  message: string;
  params?: Record<string, string>;
  /** The form field to fix, when one can. */
  field?: string;
  by: RefusedBy;
}

const refuse = (rule: string, code: string, field?: string, params?: Record<string, string>): Refusal => ({
  rule,
  code,
  message: `acceptance.codes.${code}`,
  field,
  params,
  by: 'gateway',
});

const text = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : '');
/** What the platform will hold after the request: the sent value, else what it has. */
const effective = (sent: string | undefined, current: string | null | undefined) => text(sent) || text(current);
const lengthIn = (v: string, r: { min: number; max: number }) => cjkLength(v) >= r.min && cjkLength(v) <= r.max;

function isTreePath(id: string, tree: readonly CategoryTreeNode[]): boolean {
  let level: readonly CategoryTreeNode[] | undefined = tree;
  for (const part of id.split('_')) {
    const node: CategoryTreeNode | undefined = level?.find((n) => n.value === part);
    if (!node) return false;
    level = node.children;
  }
  // A root-to-leaf path (sandbox rule): nothing below the last part.
  return !level?.length;
}

/** The categories the platform will hold after the request: the sent ones, else the mini-program's own. */
export function effectiveCategoryIds(plan: Pick<AuditApplyPlan, 'categoryIds'>, current: Pick<CurrentProfile, 'categoryIds'>): readonly string[] {
  return plan.categoryIds?.length ? plan.categoryIds : (current.categoryIds ?? []);
}

/**
 * What each category asks for: category.require.query's answer where given, else the tree's flags (the last node of
 * the path; category.query names the same three flags). Categories neither knows of ask for nothing here.
 */
export function qualificationNeeds(ids: readonly string[], tree: readonly CategoryTreeNode[] = [], requirements: readonly QualificationNeed[] = []): QualificationNeed[] {
  return ids.flatMap((code): QualificationNeed[] => {
    const asked = requirements.find((r) => r.code === code);
    if (asked) return [asked];
    let level: readonly CategoryTreeNode[] | undefined = tree;
    const nodes: CategoryTreeNode[] = [];
    for (const part of code.split('_')) {
      const n: CategoryTreeNode | undefined = level?.find((c) => c.value === part);
      if (!n) return [];
      nodes.push(n);
      level = n.children;
    }
    const last = nodes[nodes.length - 1];
    return [{ code, name: nodes.map((n) => n.label ?? n.value).join('_'), businessLicence: !!last.needLicense, doorPhoto: !!last.needOutDoorPic, specialLicence: !!last.needSpecialLicense }];
  });
}

const NO_LICENCE: LicenceFacts = { number: false, name: false, validDate: false, pictures: 0, outDoorPictures: 0, specialPictures: 0 };

type AuditRule = (c: AuditCheck) => Refusal | null;

/** The platform's checks of audit.apply, in the order it answers them; then the reviewer's. */
export const AUDIT_RULES: Readonly<Record<string, AuditRule>> = {
  versionDesc: ({ plan }) => {
    if (!text(plan.versionDesc)) return refuse('versionDesc', 'VERSION_DESC_IS_BLANK', 'versionDesc');
    return lengthIn(plan.versionDesc.trim(), { min: 30, max: 500 }) ? null : refuse('versionDesc', 'INVALID_VERSION_DESC_LENGTH', 'versionDesc');
  },
  region: ({ plan }) => {
    if (!plan.regionType) return refuse('region', 'REGION_TYPE_IS_BLANK', 'regionType');
    if (!['GLOBAL', 'CHINA', 'LOCATION'].includes(plan.regionType)) return refuse('region', 'REGION_TYPE_IS_INVALID', 'regionType');
    return plan.regionType === 'LOCATION' && plan.regions.length === 0 ? refuse('region', 'REGION_TYPE_IS_INVALID', 'regions') : null;
  },
  name: ({ plan, current }) => {
    const sent = text(plan.appName);
    if (sent && current.nameLocked && sent !== text(current.appName)) return refuse('name', 'CAN_NOT_MODIFY_NAME_ONCE_ONLINE', 'appName');
    // Unknown current name: the platform checks what it has, which the console cannot see.
    const name = effective(plan.appName, current.appName);
    if (!name) return null;
    if (!lengthIn(name, APP_NAME)) return refuse('name', 'INVALID_MINI_APP_NAME_LENGTH', sent ? 'appName' : undefined, { name });
    return AUDIT_NAME_CHARS.test(name) ? null : refuse('name', 'INVALID_MINI_APP_NAME', sent ? 'appName' : undefined, { name });
  },
  englishName: ({ plan, current }) => {
    const sent = text(plan.appEnglishName);
    if (!sent) return null;
    if (current.nameLocked && sent !== text(current.appEnglishName)) return refuse('englishName', 'CAN_NOT_MODIFY_EN_ONCE_ONLINE', 'appEnglishName');
    if (!lengthIn(sent, APP_ENGLISH_NAME)) return refuse('englishName', 'INVALID_MINI_APP_EN_NAME_LENGTH', 'appEnglishName');
    return ENGLISH_NAME_CHARS.test(sent) ? null : refuse('englishName', 'INVALID_MINI_APP_EN_NAME', 'appEnglishName');
  },
  slogan: ({ plan }) => (text(plan.appSlogan) && !lengthIn(text(plan.appSlogan), { min: 10, max: 32 }) ? refuse('slogan', 'INVALID_MINI_APP_SLOGAN_LENGTH', 'appSlogan') : null),
  desc: ({ plan }) => (text(plan.appDesc) && !lengthIn(text(plan.appDesc), { min: 20, max: 400 }) ? refuse('desc', 'INVALID_MINI_APP_DESC_LENGTH', 'appDesc') : null),
  categories: ({ plan, current, categoryTree }) => {
    const ids = effectiveCategoryIds(plan, current);
    if (ids.length < 1 || ids.length > 4) return refuse('categories', 'CATEGORY_NUM_IS_INVALID', 'categoryIds');
    const bad = ids.find((id) => !CATEGORY_ID.test(id) || (categoryTree?.length ? !isTreePath(id, categoryTree) : false));
    return bad ? refuse('categories', 'INVALID_CATEGORY', 'categoryIds', { id: bad }) : null;
  },
  contact: ({ plan, current }) => {
    const phone = effective(plan.servicePhone, current.servicePhone);
    const email = effective(plan.serviceEmail, current.serviceEmail);
    if (!phone && !email) return refuse('contact', 'SERVICE_TEL_AND_MAIL_BOTH_BLANK', 'servicePhone');
    if (!phone) return refuse('contact', 'SERVICE_TEL_IS_BLANK', 'servicePhone');
    if (text(plan.servicePhone) && !SERVICE_PHONE.test(text(plan.servicePhone))) return refuse('contact', 'INVALID_MINI_APP_SERVICE_TEL', 'servicePhone');
    if (text(plan.serviceEmail) && !SERVICE_EMAIL.test(text(plan.serviceEmail))) return refuse('contact', 'INVALID_MINI_APP_SERVICE_MAIL', 'serviceEmail');
    return null;
  },
  memo: ({ plan }) => (text(plan.memo) && cjkLength(text(plan.memo)) > 500 ? refuse('memo', 'INVALID_MINI_APP_MEMO_LENGTH', 'memo') : null),
  screenshots: ({ plan, images }) => {
    // Every mini-program the console builds is instantiated from a template: none, or 2–5.
    const n = plan.screenshotCount;
    if (n > SCREENSHOT_MAX || (n > 0 && n < SCREENSHOT_MIN)) return refuse('screenshots', 'SCREEN_SHOT_NUM_IS_INVALID', 'screenshots', { count: String(n) });
    for (const shot of images?.screenshots ?? []) {
      if (!shot.info || !['image/png', 'image/jpeg'].includes(shot.info.mime)) return refuse('screenshots', 'INVALID_SCREEN_SHOT_EXT', 'screenshots');
      const { width, height } = shot.info;
      if (shot.bytes > SCREENSHOT_MAX_BYTES || Math.min(width, height) > 2160 || Math.max(width, height) > 3840) {
        return refuse('screenshots', 'SCREEN_SHOT_EXCEED_MAX_SIZE', 'screenshots', { size: `${width}×${height}` });
      }
    }
    return null;
  },
  logo: ({ images }) => {
    const logo = images?.logo;
    if (!logo) return null;
    if (!logo.info) return refuse('logo', 'INVALID_LOGO_EXT', 'logo');
    if (logo.bytes > LOGO_MAX_BYTES) return refuse('logo', 'LOGO_EXCEED_MAX_SIZE', 'logo');
    return logo.info.width === logo.info.height ? null : refuse('logo', 'LOGO_HEIGHT_NOT_EQUAL_WIDTH', 'logo', { size: `${logo.info.width}×${logo.info.height}` });
  },
  // ── passes the gateway, but the reviewer rejects it (contract §5) ──
  testAccount: ({ plan }) => {
    const word = signInWord(plan.versionDesc);
    if (!word || text(plan.testAccount)) return null;
    return { rule: 'testAccount', code: 'AUDIT_REJECT', message: 'acceptance.reviewer.testAccount', params: { word }, field: 'testAccount', by: 'reviewer' };
  },
  // §5 rule 5: a category needing a licence, door photo or special licence without the matching fields.
  qualifications: ({ plan, current, categoryTree, requirements }) => {
    const needs = qualificationNeeds(effectiveCategoryIds(plan, current), categoryTree, requirements);
    const l = plan.licence ?? NO_LICENCE;
    const names = (pick: (n: QualificationNeed) => boolean) => needs.filter(pick).map((n) => n.name || n.code).join('、');
    const reviewer = (need: 'licence' | 'doorPhoto' | 'specialLicence', field: string, categories: string) => ({
      rule: 'qualifications',
      code: 'AUDIT_REJECT',
      message: `acceptance.reviewer.${need}`,
      params: { categories },
      field,
      by: 'reviewer' as const,
    });
    const licence = names((n) => n.businessLicence);
    if (licence && !(l.number && l.name && l.validDate && l.pictures > 0)) {
      const field = !l.number ? 'licenseNo' : !l.name ? 'licenseName' : !l.validDate ? 'licenseValidDate' : 'licensePics';
      return reviewer('licence', field, licence);
    }
    const door = names((n) => n.doorPhoto);
    if (door && l.outDoorPictures < 1) return reviewer('doorPhoto', 'outDoorPic', door);
    const special = names((n) => n.specialLicence);
    if (special && l.specialPictures < 1) return reviewer('specialLicence', 'specialLicensePics', special);
    return null;
  },
  reviewer: ({ plan, current }) => {
    const finding = preAuditCheck({
      appName: effective(plan.appName, current.appName) || null,
      appSlogan: effective(plan.appSlogan, current.appSlogan) || null,
      appDesc: effective(plan.appDesc, current.appDesc) || null,
      nameLocked: current.nameLocked,
    }).find((f) => f.severity === 'error' && REVIEWER_RULES.has(f.rule));
    return finding ? { rule: 'reviewer', code: 'AUDIT_REJECT', message: finding.message, field: finding.field, by: 'reviewer' } : null;
  },
};

/** The pre-audit rules that are the reviewer's (§5 rules 1–3); lengths and formats are the gateway's, above. */
const REVIEWER_RULES = new Set(['nameGeneric', 'nameNational', 'namePlatformBrand', 'namePlaceholder', 'sloganPlaceholder', 'descPlaceholder']);

/** Every refusal of an audit.apply request, in the platform's order (the first is what it would answer). */
export function auditRefusals(check: AuditCheck): Refusal[] {
  return Object.values(AUDIT_RULES)
    .map((rule) => rule(check))
    .filter((r): r is Refusal => r !== null);
}

/** The refusals of some rules only (e.g. the image rules, once the bytes are read on the server). */
export function refusalsOf(rules: readonly (keyof typeof AUDIT_RULES)[], check: AuditCheck): Refusal[] {
  return rules.map((r) => AUDIT_RULES[r](check)).filter((r): r is Refusal => r !== null);
}

/** The platform's sub_code for the version-state refusals of the one rule (lib/versions/operations.ts). */
const STATE_CODES: Readonly<Record<string, string>> = {
  'versions.reasons.onlyDevelopment': 'CAN_NOT_SUBMIT_WITHOUT_INIT',
  'versions.reasons.building': 'MINI_APP_PACKAGE_INFO_NOT_EXIST',
  'versions.reasons.otherInProgress': 'CAN_NOT_SUBMIT_WITH_AUDIT_GRAY',
  'versions.reasons.lowerThanOnline': 'EXIST_LARGER_ONLINED_VERSION',
  'versions.reasons.onlyPassed': 'CAN_NOT_GRAY_WITHOUT_AUDIT_PASS',
  'versions.reasons.grayAtMost': 'GRAY_STRATEGY_NOT_ALLOW_REDUCE',
  'versions.reasons.grayFirst': 'CAN_NOT_ONLINE_WITHOUT_GRAY',
  'versions.reasons.onlyGrayOrPassed': 'CAN_NOT_ONLINE_NOT_GRAY_OR_WAITRELEASE',
  'versions.reasons.grayRunningOffline': 'CAN_NOT_OFFLINE_WITH_GRAY',
  'versions.reasons.grayRunningRollback': 'CAN_NOT_ROLLBACK_WITH_GRAY',
  'versions.reasons.afterRollback': 'CAN_NOT_CONTINUOUS_ROLLBACK',
  'versions.reasons.firstRelease': 'CAN_NOT_ROLLBACK_WITHOUT_OFFLINE',
};

/** Whether the version's state allows the operation, by the one rule; the refusal carries its sub_code when known. */
export function stateRefusal(op: VersionOperation, version: VersionFacts, siblings: readonly VersionFacts[]): Refusal | null {
  const a = operationAvailability(op, version, siblings);
  if (a.state === 'allowed') return null;
  return { rule: 'state', code: STATE_CODES[a.reason] ?? '', message: a.reason, params: a.params, by: 'gateway' };
}

/** An audit.apply request for a version: its state first, then the request's fields. */
export function submitAuditRefusals(version: VersionFacts, siblings: readonly VersionFacts[], check: AuditCheck): Refusal[] {
  const state = stateRefusal('submitAudit', version, siblings);
  return state ? [state, ...auditRefusals(check)] : auditRefusals(check);
}
