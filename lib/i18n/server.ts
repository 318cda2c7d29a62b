import 'server-only';
import { cookies } from 'next/headers';
import { translatorFor } from './catalog';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale, type Translate } from './core';

export { translatorFor };

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/**
 * The reader's translator in a server component, action or route handler. The same next-intl translator as
 * `getTranslations()` would give, built once per locale rather than per request (and usable where next-intl's
 * request configuration is not wired, e.g. route handlers under unit test).
 */
export async function getTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: translatorFor(locale) };
}
