'use client';
import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { useT } from '@/lib/i18n/client';

export interface SettingsViewProps {
  mode: 'sandbox' | 'production';
  appId: string | null;
  gateway: string;
  openAuthUrl: string;
  notifyUrl: string;
  appPublicKey: string | null;
  alipayPublicKey: string | null;
  dataDir: string;
}

function KeyBlock({ pem }: { pem: string }) {
  return (
    <Typography.Paragraph copyable={{ text: pem }} style={{ margin: 0 }}>
      <pre style={{ margin: 0, fontSize: 11, maxHeight: 120, overflow: 'auto', background: '#fafafa', padding: 8 }}>{pem.trim()}</pre>
    </Typography.Paragraph>
  );
}

export function SettingsView(p: SettingsViewProps) {
  const t = useT();
  const missing = t('settings.keysUnavailable');
  return (
    <Card title={t('settings.alipay')}>
      <Alert type="info" showIcon title={t('settings.readOnly')} style={{ marginBottom: 16 }} />
      <Descriptions
        column={1}
        bordered
        size="small"
        styles={{ label: { width: 180 } }}
        items={[
          {
            key: 'mode',
            label: t('settings.mode'),
            children: (
              <Tag color={p.mode === 'sandbox' ? 'purple' : 'green'} data-testid="alipay-mode">
                {p.mode === 'sandbox' ? t('settings.sandbox') : t('settings.production')}
              </Tag>
            ),
          },
          { key: 'appId', label: t('settings.appId'), children: <span data-testid="alipay-app-id">{p.appId ?? missing}</span> },
          {
            key: 'gateway',
            label: t('settings.gateway'),
            children: (
              <Typography.Text copyable data-testid="alipay-gateway">
                {p.gateway}
              </Typography.Text>
            ),
          },
          { key: 'openAuth', label: t('settings.openAuth'), children: p.openAuthUrl },
          { key: 'notify', label: t('settings.notifyUrl'), children: p.notifyUrl },
          { key: 'appKey', label: t('settings.appPublicKey'), children: p.appPublicKey ? <KeyBlock pem={p.appPublicKey} /> : missing },
          { key: 'alipayKey', label: t('settings.alipayPublicKey'), children: p.alipayPublicKey ? <KeyBlock pem={p.alipayPublicKey} /> : missing },
          {
            key: 'dataDir',
            label: t('settings.dataDir'),
            children: (
              <Typography.Text code data-testid="data-dir">
                {p.dataDir}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
