import 'server-only';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, wrapTranslator, type Locale, type Translate } from './core';

export { translatorFor } from './catalog';

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** The reader's translator in a server component, action or route handler. */
export async function getTranslator(): Promise<{ locale: Locale; t: Translate }> {
  const locale = await getLocale();
  return { locale, t: wrapTranslator(await getTranslations({ locale })) };
}
