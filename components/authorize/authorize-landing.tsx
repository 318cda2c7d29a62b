'use client';
import { CheckCircleFilled, SafetyOutlined, ShopOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Descriptions, Flex, Image, List, Result, Row, Steps, Typography } from 'antd';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import { AuthorizeFrame } from './authorize-frame';

const ALLOWS = ['versions', 'profile', 'members', 'codes'] as const;

export function AuthorizeLanding({ provider, merchant, expiresAt, startPath, qr }: { provider: string; merchant: string; expiresAt: string; startPath: string; qr: string }) {
  const t = useT();
  return (
    <AuthorizeFrame provider={provider} width={880}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('authorization.public.title')}
      </Typography.Title>
      <Row gutter={[32, 24]}>
        <Col xs={24} md={15}>
          <Descriptions column={1} size="small" styles={{ label: { width: 72 } }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('authorization.public.providerLabel')}>
              <Typography.Text strong>{provider}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('authorization.public.merchantLabel')}>
              <Typography.Text strong data-testid="authorize-merchant">
                <ShopOutlined /> {merchant}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph>{t('authorization.public.intro', { provider, merchant })}</Typography.Paragraph>
          <Typography.Text strong>{t('authorization.public.allowsTitle')}</Typography.Text>
          <List
            size="small"
            split={false}
            dataSource={ALLOWS.map((a) => t(`authorization.public.allows.${a}`))}
            renderItem={(text) => (
              <List.Item style={{ padding: '6px 0' }}>
                <Flex gap={8} align="baseline">
                  <CheckCircleFilled style={{ color: '#52c41a' }} />
                  <span>{text}</span>
                </Flex>
              </List.Item>
            )}
          />
          <Alert type="info" showIcon icon={<SafetyOutlined />} title={t('authorization.public.notAllows')} style={{ margin: '8px 0 20px' }} />
          <Typography.Text strong>{t('authorization.public.stepsTitle')}</Typography.Text>
          <Steps
            orientation="vertical"
            size="small"
            current={0}
            style={{ marginTop: 12 }}
            items={[
              { title: t('authorization.public.steps.open') },
              { title: t('authorization.public.steps.signIn') },
              { title: t('authorization.public.steps.choose') },
            ]}
          />
          <Button type="primary" size="large" block href={startPath} style={{ marginTop: 8, height: 48, fontSize: 16 }}>
            {t('authorization.public.go')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 13 }}>
            {t('authorization.public.expires', { time: formatDateTime(expiresAt, { seconds: false }) })}
            <br />
            {t('authorization.public.security')}
          </Typography.Paragraph>
        </Col>
        {/* The QR code is for continuing on a phone: hidden (span 0) on phone-sized screens. */}
        <Col xs={0} md={9}>
          <Flex vertical align="center" gap={12} style={{ background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 8, padding: 24 }}>
            <Image src={qr} alt={t('authorization.public.go')} width={200} height={200} preview={false} />
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('authorization.public.scan')}
            </Typography.Text>
          </Flex>
        </Col>
      </Row>
    </AuthorizeFrame>
  );
}

export function AuthorizeState({ state, provider }: { state: 'unknown' | 'expired' | 'revoked' | 'archived'; provider: string }) {
  const t = useT();
  return (
    <AuthorizeFrame provider={provider}>
      <Result
        status={state === 'unknown' ? 'warning' : 'info'}
        title={t(`authorization.public.states.${state}.title`)}
        subTitle={t(`authorization.public.states.${state}.desc`)}
        style={{ padding: '24px 0' }}
      />
    </AuthorizeFrame>
  );
}
