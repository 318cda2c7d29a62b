'use client';
// The chrome of the sandbox's "Alipay" pages: a plain header with the platform mark, one centred card, a phone-width
// friendly layout and a line saying this is the sandbox.
import { Card, Flex, Result, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

const ALIPAY_BLUE = '#1677ff';

function Mark() {
  return (
    <Flex align="center" justify="center" style={{ width: 28, height: 28, borderRadius: 6, background: ALIPAY_BLUE, color: '#fff', fontWeight: 700, fontSize: 16 }}>
      支
    </Flex>
  );
}

export function OpenAuthFrame({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <Flex align="center" gap={10} style={{ height: 56, padding: '0 20px', background: '#fff', borderBottom: '1px solid #eee' }}>
        <Mark />
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('sandbox.openauth.brand')}
        </Typography.Text>
        <Typography.Text type="secondary">|</Typography.Text>
        <Typography.Text type="secondary">{t('sandbox.openauth.heading')}</Typography.Text>
        <Tag color="purple" style={{ marginInlineStart: 'auto', marginInlineEnd: 0 }}>
          {t('sandbox.openauth.sandboxTag')}
        </Tag>
      </Flex>
      <Flex justify="center" style={{ flex: 1, padding: '32px 12px' }}>
        <div style={{ width: '100%', maxWidth: 480 }}>
          <Card styles={{ body: { padding: '24px 20px' } }}>{children}</Card>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 16, fontSize: 12 }}>
            {t('sandbox.openauth.footer')}
          </Typography.Paragraph>
        </div>
      </Flex>
    </Flex>
  );
}

export function OpenAuthError({ error }: { error: string }) {
  const t = useT();
  return (
    <OpenAuthFrame>
      <Result status="warning" title={t('sandbox.openauth.invalidLink')} subTitle={<span data-testid="openauth-error">{translateMessage(t, error)}</span>} />
    </OpenAuthFrame>
  );
}
