// Field rules shared by audit.apply and baseinfo.modify (contract §4). Lengths marked "CJK=2" count each Chinese
// character (and full-width punctuation) as two.

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** Length with CJK counted as 2. */
export function cjkLength(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

export function cjkLengthBetween(text: string, min: number, max: number): boolean {
  const n = cjkLength(text);
  return n >= min && n <= max;
}

export type NameCheck = 'ok' | 'INVALID_MINI_APP_NAME' | 'INVALID_MINI_APP_NAME_LENGTH';

/** The name's length bounds per method (§4): audit.apply 3–40 with CJK=2; baseinfo.modify 3–30 characters. */
export const NAME_RULES = {
  audit: { min: 3, max: 40, length: cjkLength },
  modify: { min: 3, max: 30, length: (text: string) => [...text].length },
} as const;

/** CJK, letters, digits, `_`, `+` and `-`, within the method's length (§4, rev 2). */
export function checkAppName(name: string, rule: keyof typeof NAME_RULES): NameCheck {
  if (!/^[\p{Script=Han}A-Za-z0-9_+-]+$/u.test(name)) return 'INVALID_MINI_APP_NAME';
  const { min, max, length } = NAME_RULES[rule];
  const n = length(name);
  return n >= min && n <= max ? 'ok' : 'INVALID_MINI_APP_NAME_LENGTH';
}

export type EnglishNameCheck = 'ok' | 'INVALID_MINI_APP_EN_NAME' | 'INVALID_MINI_APP_EN_NAME_LENGTH';

/** Letters and digits only, no spaces; 3–30 (§4). */
export function checkEnglishNameText(name: string): EnglishNameCheck {
  if (!/^[A-Za-z0-9]+$/.test(name)) return 'INVALID_MINI_APP_EN_NAME';
  return name.length >= 3 && name.length <= 30 ? 'ok' : 'INVALID_MINI_APP_EN_NAME_LENGTH';
}

export function isValidServicePhone(phone: string): boolean {
  return /^[0-9-]{5,30}$/.test(phone);
}

export function isValidEmail(email: string): boolean {
  return email.length <= 128 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** An Alipay logon id: an e-mail address or a mainland mobile number. */
export function isValidLogonId(logonId: string): boolean {
  return isValidEmail(logonId) || /^1\d{10}$/.test(logonId);
}

/**
 * `first_second[_third];…` → id paths of two or three levels (mini_category_ids, §4; legacy app_category_ids has
 * two), or null when malformed.
 */
export function parseCategoryIds(value: string): string[][] | null {
  const parts = value.split(';').map((p) => p.trim()).filter(Boolean);
  const paths: string[][] = [];
  for (const part of parts) {
    if (!/^[^_\s]+(_[^_\s]+){1,2}$/.test(part)) return null;
    paths.push(part.split('_'));
  }
  return paths;
}

/** The sandbox's sensitive-word list as it ships; editable on /sandbox (settings.sensitiveWords). */
export const DEFAULT_SENSITIVE_WORDS = ['赌博', '博彩', '六合彩', '色情', '代开发票', '枪支', '毒品', '传销'] as const;

export function containsSensitiveWord(text: string, words: readonly string[] = DEFAULT_SENSITIVE_WORDS): boolean {
  return words.some((w) => w && text.includes(w));
}

const PLATFORM_BRANDS = ['支付宝', '蚂蚁', '阿里'];

/** Names that borrow the platform's own brands (contract §5 rule 2). */
export function misusesPlatformBrand(name: string): boolean {
  return PLATFORM_BRANDS.some((w) => name.includes(w));
}
