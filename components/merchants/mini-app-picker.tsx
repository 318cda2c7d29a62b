'use client';
// The merchant's mini-program choice at the top of a per-mini-program tab: it lives in `?app=`, as on the Profile tab.
import { Alert, Flex, Select, Typography } from 'antd';
import { usePathname, useRouter } from 'next/navigation';
import { useT } from '@/lib/i18n/client';
import type { MerchantAppView } from '@/lib/merchants/view';
import { AppStatusTag } from './status-tags';

export function MiniAppPicker({ apps, selected }: { apps: MerchantAppView[]; selected: MerchantAppView }) {
  const t = useT();
  const router = useRouter();
  const pathname = usePathname();
  return (
    <>
      <Flex align="center" gap={12} wrap>
        <Typography.Text type="secondary">{t('profile.selectApp')}</Typography.Text>
        <Select
          aria-label={t('profile.selectApp')}
          value={selected.authAppId}
          style={{ minWidth: 280 }}
          onChange={(v) => router.push(`${pathname}?app=${encodeURIComponent(v)}`)}
          options={apps.map((a) => ({ value: a.authAppId, label: `${a.appName ?? a.authAppId}（${a.authAppId}）` }))}
        />
        <AppStatusTag status={selected.status} />
      </Flex>
      {selected.blocked && <Alert type="error" showIcon title={t(selected.blocked)} />}
    </>
  );
}
