// Sends a route segment's messages to its client components (lib/i18n/scopes.ts).
import type { ReactNode } from 'react';
import type { AbstractIntlMessages } from 'next-intl';
import { MESSAGES } from '@/messages';
import { I18nClientProvider } from './client';
import { pickMessages, type Scope } from './scopes';
import { getLocale } from './server';

export async function ClientMessages({ scope, children }: { scope: Scope; children: ReactNode }) {
  const locale = await getLocale();
  return (
    <I18nClientProvider locale={locale} messages={pickMessages(MESSAGES[locale], scope) as AbstractIntlMessages}>
      {children}
    </I18nClientProvider>
  );
}
