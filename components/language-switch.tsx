'use client';
import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { setLocale } from '@/app/actions/locale';
import { useI18n } from '@/lib/i18n/client';

export function LanguageSwitch() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Select
      aria-label={t('header.language')}
      data-testid="language-switch"
      size="small"
      value={locale}
      loading={pending}
      prefix={<GlobalOutlined />}
      variant="borderless"
      style={{ width: 120 }}
      options={[
        { value: 'zh-CN', label: '简体中文' },
        { value: 'en', label: 'English' },
      ]}
      onChange={(value) =>
        start(async () => {
          await setLocale(value);
          router.refresh();
        })
      }
    />
  );
}
