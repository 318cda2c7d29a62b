'use client';
import { AntdRegistry } from '@ant-design/nextjs-registry';
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

// No style registry: antd's styles come from the stylesheet baked at build (scripts/antd-css.ts, imported by the root
// layout), so the server neither computes nor inlines CSS-in-JS per request. antd's default style cache is
// process-wide, so what it still computes on the server is computed once.
export function Providers({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children: ReactNode }) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <AntdRegistry>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={ANTD_THEME}>
        <App>
          <I18nClientProvider locale={locale} messages={messages}>
            {children}
          </I18nClientProvider>
        </App>
      </ConfigProvider>
    </AntdRegistry>
  );
}
