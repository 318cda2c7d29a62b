// A small message-catalog translator shared by server and client: nested keys, {param} interpolation.
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'locale';

export type Messages = { [key: string]: string | Messages };
export type Params = Record<string, string | number>;
export type Translate = ((key: string, params?: Params) => string) & { has: (key: string) => boolean };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

export function createTranslator(messages: Messages): Translate {
  const t = ((key: string, params?: Params) => {
    const template = lookup(messages, key);
    if (template === undefined) return key;
    return params ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : template;
  }) as Translate;
  t.has = (key: string) => lookup(messages, key) !== undefined;
  return t;
}

/** Messages from actions are catalog keys or plain text (e.g. a platform's Chinese message): show either. */
export function translateMessage(t: Translate, message: string, params?: Params): string {
  return t.has(message) ? t(message, params) : message;
}
