'use client';
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import type { AbstractIntlMessages } from 'next-intl';
import type { Locale } from '@/lib/i18n/core';
import { I18nClientProvider } from '@/lib/i18n/client';
import { ANTD_THEME } from '@/lib/ui/theme';

// antd's styles come only from the stylesheet baked at build (scripts/antd-css.ts, imported by the root layout):
// zero-runtime mode stops antd computing component styles per request, and the fixed CSS-variable key (theme.ts)
// makes the baked variables match the page's classes, so there is nothing for a style registry to inline and the
// page looks the same before and after it hydrates (no shift that would move a button from under a click).
const RUNTIME_THEME = { ...ANTD_THEME, zeroRuntime: true };

export function Providers({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children: ReactNode }) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={RUNTIME_THEME}>
      <App>
        <I18nClientProvider locale={locale} messages={messages}>
          {children}
        </I18nClientProvider>
      </App>
    </ConfigProvider>
  );
}
