// Texts a user can act on, one per sub_code the contract names, in both languages: `messages/<locale>/platform.json`.
// The platform's own sub_msg is the fallback for codes not listed there; signature and parameter errors get a text
// that points at configuration, not the user. A failure is kept as a catalogue key (plus parameters), so whoever reads
// it later (a batch item, an inbox message, a form) sees it in their own language.
import zh from '@/messages/zh-CN/platform.json';
import { createTranslator } from '@/lib/i18n/core';
import type { LocalizedText } from '@/lib/messages/text';

/** A failure's text as stored and shown: a `platform.*` key with plain parameters, or the platform's own words. */
export interface PlatformText extends LocalizedText {
  params?: Record<string, string>;
}

const SUB_CODES: Readonly<Record<string, string>> = zh.platform.subCodes;
const SENSITIVE: Readonly<Record<string, string>> = zh.platform.sensitive;
const BY_CODE: Readonly<Record<string, string>> = zh.platform.byCode;

/** Catalogue keys cannot hold dots: `isv.invalid-parameter` is filed as `isv_invalid-parameter`. */
const subCodeKey = (subCode: string) => subCode.replace(/\./g, '_');

// Codes whose sub_msg names the offending field: the user needs that detail too.
const WITH_SUB_MSG = new Set(['isv.invalid-parameter']);

/** The text for a platform failure: our catalogue, then the platform's sub_msg, then a generic text. */
export function platformText(code: string, subCode?: string, subMsg?: string): PlatformText {
  if (subCode) {
    const known = [subCode, subCode.replace(/^(isv|isp|aop)\./, '')].map(subCodeKey).find((k) => k in SUB_CODES);
    if (known) {
      return WITH_SUB_MSG.has(subCode) && subMsg?.trim() ? { key: `platform.subCodeDetail.${known}`, params: { detail: subMsg.trim() } } : { key: `platform.subCodes.${known}` };
    }
    // The real codes are MINI_APP_<FIELD>_SENSITIVE (§4); the older APP_<FIELD>_SENSITIVE forms are read alike.
    const sensitive = /^(?:MINI_)?(.+)_SENSITIVE$/.exec(subCode);
    if (sensitive) {
      const field = [sensitive[1], `APP_${sensitive[1]}`].find((f) => f in SENSITIVE);
      return { key: `platform.sensitive.${field ?? 'other'}` };
    }
  }
  if (subMsg?.trim()) return { key: subMsg.trim() };
  return { key: `c${code}` in BY_CODE ? `platform.byCode.c${code}` : 'platform.generic' };
}

let zhTranslate: ReturnType<typeof createTranslator> | undefined;
/** A platform text in Chinese, for logs and stored plain-text columns. */
export function platformTextZh(text: PlatformText): string {
  zhTranslate ??= createTranslator(zh);
  return zhTranslate.has(text.key) ? zhTranslate(text.key, text.params) : text.key;
}

/** The Chinese text to show a user for a platform failure (see platformText for the reader's language). */
export function subCodeMessage(code: string, subCode?: string, subMsg?: string): string {
  return platformTextZh(platformText(code, subCode, subMsg));
}
