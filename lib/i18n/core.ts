// The console's translator on top of next-intl, shared by server and client: typed keys, ICU messages
// (`messages/<locale>/<area>.json`), and the small API the code base grew up with (`t(key, params)`, `t.has`,
// `translateMessage`). No catalogue is imported here at run time: the server reads `@/messages`, the browser gets
// only the namespaces its page needs (lib/i18n/scopes.ts).
// use-intl/core is next-intl's own React-free core: it also runs in the worker and in unit tests.
import { createTranslator as createIntlTranslator, type AbstractIntlMessages, type IntlError } from 'use-intl/core';
import type { Messages as CatalogMessages } from '@/messages';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_COOKIE = 'locale';
/** Dates and times are shown in Beijing time, as the platform states them (CONTRACT §2). */
export const TIME_ZONE = 'Asia/Shanghai';

export type Messages = CatalogMessages;
/** Every message key, dotted (`common.save`). */
export type MessageKey = Leaves<CatalogMessages>;
type Leaves<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`> }[keyof T & string];

/**
 * A literal key must exist; a computed key (`actions.${name}`) must match at least one key; a plain `string`
 * (a key that came from data, e.g. an action's error) is accepted and falls back to itself when unknown.
 */
export type KeyArg<K extends string> = K extends MessageKey ? K : [Extract<MessageKey, K>] extends [never] ? MessageKey : K;

export type Params = Record<string, string | number>;
export type FormatParams = Record<string, string | number | Date>;
export type Translate = (<K extends string>(key: KeyArg<K>, params?: FormatParams) => string) & { has: (key: string) => boolean };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

function lookup(messages: unknown, key: string): string | undefined {
  let node = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * What a message that cannot be formatted shows: an unknown key shows itself (as before), a message given too few
 * parameters shows its own text, never a crash.
 */
export function messageFallback(messages: unknown) {
  return ({ key, namespace, error }: { key: string; namespace?: string; error: IntlError }) => {
    const path = namespace ? `${namespace}.${key}` : key;
    const text = error.code === 'MISSING_MESSAGE' ? undefined : lookup(messages, path);
    return text ?? path;
  };
}

/** Missing keys are expected (`translateMessage` probes plain texts); anything else is worth a line in the log. */
export function onIntlError(error: IntlError) {
  if (error.code === 'MISSING_MESSAGE') return;
  console.error(`[i18n] ${error.message}`);
}

type IntlTranslate = ((key: never, values?: never) => string) & { has: (key: never) => boolean };

/** Wraps a next-intl translator (from `useTranslations()`, `getTranslations()` or `createTranslator`). */
export function wrapTranslator(intl: unknown): Translate {
  const tn = intl as IntlTranslate;
  const t = ((key: string, params?: FormatParams) => tn(key as never, params as never)) as Translate;
  t.has = (key: string) => tn.has(key as never);
  return t;
}

/** A translator outside a request or component (worker, tests, exports), over the given catalogue. */
export function createTranslator(messages: AbstractIntlMessages | Messages, locale: Locale = DEFAULT_LOCALE): Translate {
  return wrapTranslator(
    createIntlTranslator({
      locale,
      messages: messages as AbstractIntlMessages,
      timeZone: TIME_ZONE,
      onError: onIntlError,
      getMessageFallback: messageFallback(messages),
    }),
  );
}

/** Messages from actions are catalog keys or plain text (e.g. a platform's Chinese message): show either. */
export function translateMessage(t: Translate, message: string, params?: FormatParams): string {
  return t.has(message) ? t(message, params) : message;
}
