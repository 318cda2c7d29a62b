// The whole catalogue on the server side, outside a request: the worker, stored texts, exports and tests.
import { MESSAGES } from '@/messages';
import { createTranslator, type Locale, type Translate } from './core';

const cache = new Map<Locale, Translate>();

/** A translator for a given locale, without a request (its cookie) to read the locale from. */
export function translatorFor(locale: Locale): Translate {
  let t = cache.get(locale);
  if (!t) cache.set(locale, (t = createTranslator(MESSAGES[locale], locale)));
  return t;
}
