'use client';
import { Flex, List, Result, Tag, Typography } from 'antd';
import type { CallbackOutcome } from '@/lib/authorization/callback';
import { useT } from '@/lib/i18n/client';
import { AuthorizeFrame } from './authorize-frame';

type Outcome = CallbackOutcome['kind'] | 'unknown';

const STATUS: Record<Outcome, 'success' | 'error' | 'warning' | 'info'> = {
  authorized: 'success',
  refused: 'info',
  forged: 'error',
  'state-expired': 'warning',
  'state-used': 'warning',
  'link-expired': 'warning',
  'link-revoked': 'warning',
  'merchant-archived': 'warning',
  'code-invalid': 'warning',
  conflict: 'error',
  'platform-error': 'error',
  unknown: 'warning',
};

export function AuthorizeResult({
  outcome,
  provider,
  merchant,
  apps,
  message,
}: {
  outcome: Outcome;
  provider: string;
  merchant: string | null;
  apps: { authAppId: string; appName: string | null }[];
  message: string | null;
}) {
  const t = useT();
  const key = `authorization.result.${outcome}`;
  return (
    <AuthorizeFrame provider={provider}>
      <Result
        status={STATUS[outcome]}
        title={<span data-testid="authorize-result">{t(`${key}.title`)}</span>}
        subTitle={t(`${key}.desc`, { merchant: merchant ?? '', provider, message: message ?? '' })}
        style={{ padding: '16px 0' }}
      >
        {apps.length > 0 && (
          <List
            bordered
            size="small"
            dataSource={apps}
            renderItem={(a) => (
              <List.Item>
                <Flex justify="space-between" style={{ width: '100%' }} gap={8} wrap>
                  <Typography.Text strong>{a.appName ?? a.authAppId}</Typography.Text>
                  <Tag>{a.authAppId}</Tag>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Result>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
        {t('authorization.result.close')}
      </Typography.Paragraph>
    </AuthorizeFrame>
  );
}
