// Text measures and formats of the mini-program information rules (contract §4). "CJK=2" lengths count each
// Chinese character (and full-width punctuation) as two.

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

export function cjkLength(text: string): number {
  let n = 0;
  for (const ch of text) n += WIDE.test(ch) ? 2 : 1;
  return n;
}

/** Characters, not CJK=2: baseinfo.modify's name rule counts each character once (§4 Base info, sandbox rule). */
export const charLength = (text: string) => [...text].length;

export const LIMITS = {
  // baseinfo.modify: 3–30 characters (§4 Base info; audit.apply's 3–40 CJK=2 lives in lib/validation/audit-form).
  appName: { min: 3, max: 30 },
  appEnglishName: { min: 3, max: 30 },
  appSlogan: { min: 10, max: 32 },
  appDesc: { min: 20, max: 400 },
  servicePhone: { min: 5, max: 30 },
  serviceEmail: { max: 128 },
  categories: { min: 1, max: 4 },
} as const;

export const NAME_CHARS = /^[\p{Script=Han}A-Za-z0-9_+-]+$/u;
/** Letters and digits only, no spaces (§4). */
export const ENGLISH_NAME = /^[A-Za-z0-9]+$/;
export const SERVICE_PHONE = /^[0-9-]+$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function containsAny(text: string | null | undefined, words: readonly string[]): string | undefined {
  if (!text) return undefined;
  const lower = text.toLowerCase();
  return words.find((w) => lower.includes(w.toLowerCase()));
}
