'use client';
// The overview's basic-info card of one mini-program, as the developer assistant shows it.
import { DownloadOutlined, PictureOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Descriptions, Flex, Image, Skeleton, Tag, Typography } from 'antd';
import Link from 'next/link';
import type { BaseInfoCard as Card_ } from '@/lib/codes/base-info-card';
import { useT } from '@/lib/i18n/client';

const categoryText = (names: string) => names.replace(/_/g, ' / ').replace(/;/g, '；');

export function BaseInfoCard({ card, merchantId }: { card: Card_; merchantId: number }) {
  const t = useT();
  const app = encodeURIComponent(card.authAppId);
  return (
    <Card
      size="small"
      title={`${t('codes.baseInfo.title')} · ${card.appName ?? card.authAppId}`}
      data-testid={`base-info-${card.authAppId}`}
      extra={
        <Flex gap={12}>
          <Link href={`/merchants/${merchantId}/members?app=${app}`}>{t('merchants.tabs.members')}</Link>
          <Link href={`/merchants/${merchantId}/codes?app=${app}`}>{t('merchants.tabs.codes')}</Link>
        </Flex>
      }
    >
      {card.unread ? (
        <Skeleton active avatar paragraph={{ rows: 3 }} />
      ) : (
        <Flex gap={24} align="flex-start" wrap>
          <Avatar shape="square" size={72} src={card.appLogo ?? undefined} icon={<PictureOutlined />} alt="logo" />
          <Descriptions column={1} size="small" style={{ flex: 1, minWidth: 240 }} styles={{ label: { width: 72 } }}>
            <Descriptions.Item label={t('codes.baseInfo.name')}>{card.appName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('codes.baseInfo.slogan')}>{card.appSlogan ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('codes.baseInfo.category')}>{card.categoryNames ? categoryText(card.categoryNames) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('codes.baseInfo.status')}>
              {card.onlineVersion ? <Tag color="green">{t('codes.baseInfo.online', { version: card.onlineVersion })}</Tag> : <Tag>{t('codes.baseInfo.notOnline')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="APPID">
              <Typography.Text copyable>{card.authAppId}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Flex vertical align="center" gap={6}>
            {card.qrDataUrl ? (
              <>
                <Image src={card.qrDataUrl} width={120} height={120} alt={t('codes.baseInfo.qrcode')} preview={false} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('codes.baseInfo.qrcodeHelp')}
                </Typography.Text>
                <Button size="small" icon={<DownloadOutlined />} href={card.qrDataUrl} download={`${card.appName ?? card.authAppId}-qrcode.png`}>
                  {t('codes.baseInfo.downloadQr')}
                </Button>
              </>
            ) : (
              <Flex vertical align="center" justify="center" style={{ width: 120, height: 120, border: '1px dashed #d9d9d9', borderRadius: 8 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('codes.baseInfo.noQr')}
                </Typography.Text>
              </Flex>
            )}
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
