'use client';
import { NextIntlClientProvider, useLocale, useTranslations, type AbstractIntlMessages } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import { isLocale, DEFAULT_LOCALE, messageFallback, onIntlError, TIME_ZONE, wrapTranslator, type Locale, type Translate } from './core';

/** next-intl's provider with the console's fallbacks (functions cannot cross from a server component). */
export function I18nClientProvider({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children: ReactNode }) {
  const fallback = useMemo(() => messageFallback(messages), [messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={TIME_ZONE} onError={onIntlError} getMessageFallback={fallback}>
      {children}
    </NextIntlClientProvider>
  );
}

export function useI18n(): { locale: Locale; t: Translate } {
  const intl = useTranslations();
  const raw = useLocale();
  const locale = isLocale(raw) ? raw : DEFAULT_LOCALE;
  return useMemo(() => ({ locale, t: wrapTranslator(intl) }), [locale, intl]);
}

export const useT = () => useI18n().t;
