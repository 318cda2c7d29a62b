// next-intl's request configuration (wired in next.config.js): the locale comes from the `locale` cookie, there is
// no locale in the URL.
import { getRequestConfig } from 'next-intl/server';
import { MESSAGES } from '@/messages';
import { messageFallback, onIntlError, TIME_ZONE } from './core';
import { getLocale } from './server';

export default getRequestConfig(async () => {
  const locale = await getLocale();
  const messages = MESSAGES[locale];
  return { locale, messages, timeZone: TIME_ZONE, onError: onIntlError, getMessageFallback: messageFallback(messages) };
});
