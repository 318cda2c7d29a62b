import 'server-only';
import { cookies } from 'next/headers';
import { createTranslator, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from './core';
import { CATALOGS } from './messages';

export { CATALOGS };

export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export async function getTranslator() {
  const locale = await getLocale();
  return { locale, t: createTranslator(CATALOGS[locale]), messages: CATALOGS[locale] };
}
