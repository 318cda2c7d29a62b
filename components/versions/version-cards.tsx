'use client';
// What matters at a glance, as Alipay's developer center shows it: the online version, the one in audit or gray
// (with its gray share), and the experience version with its QR code.
import { DownloadOutlined, LoadingOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Image, Progress, QRCode, Row, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';
import { GRAY_PERCENT } from '@/lib/versions/operations';
import type { VersionRowView, VersionsView } from '@/lib/versions/view';
import { OperationButtons, type OperationHandlers } from './operation-buttons';
import { VersionStatusTags } from './status-tag';

const REVIEW_STATUSES = ['AUDITING', 'AUDIT_REJECT', 'WAIT_RELEASE', 'BASE_AUDIT_PASS', 'GRAY'];

function VersionCard({ title, testId, children, extra }: { title: string; testId: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} data-testid={testId} style={{ height: '100%' }} styles={{ body: { minHeight: 190 } }}>
      {children}
    </Card>
  );
}

function VersionHeadline({ v, onDetail }: { v: VersionRowView; onDetail: (v: VersionRowView) => void }) {
  return (
    <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        <Typography.Link onClick={() => onDetail(v)} style={{ fontSize: 'inherit' }}>
          {v.appVersion}
        </Typography.Link>
      </Typography.Title>
      <VersionStatusTags v={v} compact />
    </Flex>
  );
}

export function VersionCards({
  view,
  handlers,
  canOperate,
  onDetail,
}: {
  view: VersionsView;
  handlers: OperationHandlers;
  canOperate: boolean;
  onDetail: (v: VersionRowView) => void;
}) {
  const t = useT();
  const online = view.versions.find((v) => v.status === 'RELEASE');
  const review = view.versions.find((v) => v.status !== null && REVIEW_STATUSES.includes(v.status));
  const experience = view.versions.find((v) => v.experience !== 'none');
  const template = (v: VersionRowView) => (v.templateId ? `${v.templateName ?? v.templateId}${v.templateVersion ? ` @ ${v.templateVersion}` : ''}` : '—');

  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24} lg={8}>
        <VersionCard title={t('versions.cards.online')} testId="card-online">
          {online ? (
            <>
              <VersionHeadline v={online} onDetail={onDetail} />
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'online', label: t('versions.cards.onlineSince'), children: formatDateTime(online.gmtOnline) },
                  { key: 'template', label: t('versions.cards.template'), children: template(online) },
                ]}
              />
              {canOperate && <OperationButtons v={online} ops={['rollback', 'offline']} handlers={handlers} showReasons />}
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.cards.onlineEmpty')} />
          )}
        </VersionCard>
      </Col>
      <Col xs={24} lg={8}>
        <VersionCard title={t('versions.cards.review')} testId="card-review">
          {review ? (
            <>
              <VersionHeadline v={review} onDetail={onDetail} />
              {review.status === 'GRAY' && review.grayStrategy && (
                <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
                  <Typography.Text type="secondary">{t('versions.cards.grayProgress')}</Typography.Text>
                  <Progress percent={GRAY_PERCENT[review.grayStrategy]} steps={10} size="small" strokeColor="#fa8c16" aria-label={t('versions.grayPercent', { percent: GRAY_PERCENT[review.grayStrategy] })} />
                </Flex>
              )}
              {review.status === 'AUDIT_REJECT' && review.rejectReason && (
                <Typography.Paragraph type="danger" ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }} data-testid="card-reject-reason">
                  {review.rejectReason}
                </Typography.Paragraph>
              )}
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'submitted', label: t('versions.cards.submittedAt'), children: formatDateTime(review.gmtApplyAudit) },
                  ...(review.gmtAuditEnd ? [{ key: 'end', label: t('versions.cards.auditEndAt'), children: formatDateTime(review.gmtAuditEnd) }] : []),
                ]}
              />
              {canOperate && (
                <OperationButtons v={review} ops={['cancelAudit', 'grayRelease', 'widenGray', 'online', 'endGray', 'backToDev']} handlers={handlers} showReasons />
              )}
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.cards.reviewEmpty')} />
          )}
        </VersionCard>
      </Col>
      <Col xs={24} lg={8}>
        <VersionCard title={t('versions.cards.experience')} testId="card-experience">
          {experience ? (
            <>
              <VersionHeadline v={experience} onDetail={onDetail} />
              {experience.experience === 'packaging' ? (
                <Space>
                  <LoadingOutlined />
                  <Typography.Text type="secondary">{t('versions.cards.experiencePackaging')}</Typography.Text>
                </Space>
              ) : (
                <Flex gap={16} align="flex-start">
                  {experience.expQrCodeUrl ? (
                    <Image src={experience.expQrCodeUrl} width={132} height={132} alt={t('versions.cards.scan', { version: experience.appVersion })} data-testid="experience-qr" />
                  ) : experience.expSchemaUrl ? (
                    <QRCode value={experience.expSchemaUrl} size={132} data-testid="experience-qr" />
                  ) : (
                    <QrcodeOutlined style={{ fontSize: 96, color: '#bfbfbf' }} />
                  )}
                  <Space orientation="vertical" size={8}>
                    <Typography.Text type="secondary">{t('versions.cards.scan', { version: experience.appVersion })}</Typography.Text>
                    {experience.expQrCodeUrl && (
                      <Button size="small" icon={<DownloadOutlined />} href={experience.expQrCodeUrl} download={`experience-${view.authAppId}-${experience.appVersion}.png`}>
                        {t('versions.cards.download')}
                      </Button>
                    )}
                    {experience.expSchemaUrl && (
                      <Typography.Text copyable={{ text: experience.expSchemaUrl }} type="secondary" style={{ fontSize: 12 }}>
                        {t('versions.cards.openLink')}
                      </Typography.Text>
                    )}
                    {canOperate && <OperationButtons v={experience} ops={['cancelExperience']} handlers={handlers} />}
                  </Space>
                </Flex>
              )}
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.cards.experienceEmpty')} />
          )}
        </VersionCard>
      </Col>
    </Row>
  );
}
