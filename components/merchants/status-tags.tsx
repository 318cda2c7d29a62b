'use client';
import { Tag } from 'antd';
import type { MerchantAuthStatus, MiniAppStatus } from '@/lib/merchants/vocabulary';
import type { TokenHealth } from '@/lib/authorization/refresher';
import { useT } from '@/lib/i18n/client';

const MERCHANT_COLORS: Record<MerchantAuthStatus, string> = { unauthorized: 'default', authorized: 'success', cancelled: 'error' };
const APP_COLORS: Record<MiniAppStatus, string> = { authorized: 'success', cancelled: 'error', invalid: 'warning' };
const HEALTH_COLORS: Record<TokenHealth, string> = {
  healthy: 'success',
  refreshDue: 'processing',
  checkFailed: 'warning',
  unchecked: 'default',
  invalid: 'error',
  cancelled: 'error',
};

export function MerchantStatusTag({ status }: { status: MerchantAuthStatus }) {
  const t = useT();
  return (
    <Tag color={MERCHANT_COLORS[status]} data-testid="merchant-status">
      {t(`merchants.statuses.${status}`)}
    </Tag>
  );
}

export function AppStatusTag({ status }: { status: MiniAppStatus }) {
  const t = useT();
  return <Tag color={APP_COLORS[status]}>{t(`authorization.apps.statuses.${status}`)}</Tag>;
}

export function TokenHealthTag({ health }: { health: TokenHealth }) {
  const t = useT();
  return <Tag color={HEALTH_COLORS[health]}>{t(`authorization.apps.health.${health}`)}</Tag>;
}

export function ArchivedTag() {
  const t = useT();
  return <Tag color="default">{t('merchants.archivedTag')}</Tag>;
}
