'use client';
import { Button, Card, Col, Descriptions, Empty, List, Row, Space, Steps, Typography } from 'antd';
import Link from 'next/link';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import type { MerchantAppView, MerchantView } from '@/lib/merchants/view';
import { BaseInfoCard } from '@/components/codes/base-info-card';
import type { BaseInfoCard as BaseInfo } from '@/lib/codes/base-info-card';
import type { SnapshotView } from '@/lib/profile/snapshot';
import { SnapshotRefresh } from './snapshot-refresh';
import { AppStatusTag } from './status-tags';

export function MerchantOverview({
  merchant,
  createdBy,
  apps,
  linkSent,
  baseInfo = [],
  snapshot,
}: {
  merchant: MerchantView;
  createdBy: string | null;
  apps: MerchantAppView[];
  linkSent: boolean;
  baseInfo?: BaseInfo[];
  snapshot?: SnapshotView;
}) {
  const t = useT();
  const authorized = apps.some((a) => a.status === 'authorized');
  const current = authorized ? 3 : linkSent ? 2 : 1;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Steps
          size="small"
          current={current}
          items={[
            { title: t('merchants.overview.steps.record') },
            { title: t('merchants.overview.steps.link') },
            { title: t('merchants.overview.steps.authorize') },
            { title: t('merchants.overview.steps.profile') },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('merchants.overview.basic')} style={{ height: '100%' }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { width: 96 } }}>
              <Descriptions.Item label={t('merchants.fields.name')}>{merchant.name}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.industry')}>{t(`merchants.industries.${merchant.industry}`)}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.contactName')}>{merchant.contactName}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.mobile')}>{merchant.mobile}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.email')}>{merchant.email || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.address')}>{merchant.address || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.createdAt')}>{formatDateTime(merchant.createdAt)}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.createdBy')}>{createdBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('merchants.fields.remarks')} span={2}>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{merchant.remarks || '—'}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('merchants.overview.apps')} style={{ height: '100%' }}>
            {apps.length ? (
              <List
                dataSource={apps}
                renderItem={(a) => (
                  <List.Item
                    actions={[
                      <Link key="profile" href={`/merchants/${merchant.id}/profile?app=${encodeURIComponent(a.authAppId)}`}>
                        {t('merchants.tabs.profile')}
                      </Link>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space size={8}>
                          <span>{a.appName ?? a.authAppId}</span>
                          <AppStatusTag status={a.status} />
                        </Space>
                      }
                      description={`${a.authAppId} · ${t('authorization.apps.authorizedAt')} ${formatDateTime(a.authorizedAt, { seconds: false })}`}
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('merchants.overview.noApps')}>
                {!merchant.archived && (
                  <Link href={`/merchants/${merchant.id}/authorization`}>
                    <Button type="primary">{t('merchants.overview.goAuthorize')}</Button>
                  </Link>
                )}
              </Empty>
            )}
          </Card>
        </Col>
      </Row>
      {snapshot && <SnapshotRefresh key={snapshot.merchantAppIds.join(',')} {...snapshot} />}
      {baseInfo.length > 0 && (
        <Row gutter={[16, 16]}>
          {baseInfo.map((card) => (
            <Col key={card.authAppId} xs={24} xl={baseInfo.length > 1 ? 12 : 24}>
              <BaseInfoCard card={card} merchantId={merchant.id} />
            </Col>
          ))}
        </Row>
      )}
    </Space>
  );
}
