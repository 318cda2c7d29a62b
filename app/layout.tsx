import type { Metadata } from 'next';
import type { AbstractIntlMessages } from 'next-intl';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { getTranslator } from '@/lib/i18n/server';
import { pickMessages } from '@/lib/i18n/scopes';
import { MESSAGES } from '@/messages';
// antd's styles, baked once at build (scripts/antd-css.ts); before globals.css so the console's own rules win.
import './antd-static.css';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: { default: t('app.name'), template: `%s · ${t('app.short')}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await getTranslator();
  // The shell's messages only; each route segment adds its own (lib/i18n/scopes.ts).
  const messages = pickMessages(MESSAGES[locale], 'base') as AbstractIntlMessages;
  return (
    <html lang={locale}>
      <body>
        <Providers locale={locale} messages={messages}>
          {children}
        </Providers>
      </body>
    </html>
  );
}
