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

export function Providers({ locale, messages, children }: { locale: Locale; messages: AbstractIntlMessages; children: ReactNode }) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  return (
    <AntdRegistry>
      <ConfigProvider
        locale={locale === 'zh-CN' ? zhCN : enUS}
        theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
      >
        <App>
          <I18nClientProvider locale={locale} messages={messages}>
            {children}
          </I18nClientProvider>
        </App>
      </ConfigProvider>
    </AntdRegistry>
  );
}
