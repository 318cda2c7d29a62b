'use client';
// The dashboard: where the fleet stands (funnel), what needs a person, which template versions run, and activity.
import { CheckCircleOutlined, RightOutlined, WarningOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, List, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import Link from 'next/link';
import { ColumnPlot } from '@/components/charts/lazy';
import { formatDateTime } from '@/lib/format';
import { useT } from '@/lib/i18n/client';

export interface DashboardData {
  funnel: { stage: string; count: number; fromPrevious: number | null; fromFirst: number | null }[];
  attention: {
    rejected: number;
    topReasons: { reason: string; versions: number; merchants: number }[];
    waitHours: number;
    auditWaiting: number;
    authLost: number;
    failedBatches: { id: number; operation: string; failed: number; total: number; createdAt: string }[];
    behind: { templateId: string; name: string; latest: string; behind: number }[];
  };
  templateVersions: { templateId: string; templateName: string | null; templateVersion: string; online: number; gray: number; inAudit: number }[];
  activity: { date: string; submitted: number; passed: number; rejected: number }[];
  recentBatches: { id: number; operation: string; status: string; total: number; succeeded: number; failed: number; skipped: number; createdAt: string }[];
  steps: { key: string; href: string }[];
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);
const STATUS_COLOR: Record<string, string> = { running: 'processing', finished: 'success', cancelled: 'default' };

export function DashboardView({ data }: { data: DashboardData }) {
  const t = useT();
  const a = data.attention;
  const attentionItems = [
    a.rejected > 0 && {
      key: 'rejected',
      node: (
        <div>
          <Link href="/merchants?stage=rejected">{t('fleet.attention.rejected', { n: a.rejected })}</Link>
          {a.topReasons.length > 0 && (
            <div style={{ marginTop: 6 }} data-testid="reject-reasons">
              <Typography.Text type="secondary">{t('fleet.attention.topReasons')}</Typography.Text>
              {a.topReasons.map((r) => (
                <Flex key={r.reason} justify="space-between" gap={12} style={{ paddingInlineStart: 12 }}>
                  <Link href={`/merchants?stage=rejected&reason=${encodeURIComponent(r.reason)}`}>{r.reason || t('fleet.noReason')}</Link>
                  <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                    {t('fleet.attention.reasonRow', { merchants: r.merchants })}
                  </Typography.Text>
                </Flex>
              ))}
            </div>
          )}
        </div>
      ),
    },
    a.auditWaiting > 0 && {
      key: 'waiting',
      node: <Link href={`/merchants?stage=auditWaiting&hours=${a.waitHours}`}>{t('fleet.attention.waiting', { n: a.auditWaiting, hours: a.waitHours })}</Link>,
    },
    a.authLost > 0 && { key: 'authLost', node: <Link href="/merchants?stage=authLost">{t('fleet.attention.authLost', { n: a.authLost })}</Link> },
    ...a.behind.map((b) => ({
      key: `behind-${b.templateId}`,
      node: <Link href={`/drift?template=${encodeURIComponent(b.templateId)}&verdict=behind`}>{t('fleet.attention.behind', { n: b.behind, name: b.name, latest: b.latest })}</Link>,
    })),
    a.failedBatches.length > 0 && {
      key: 'batches',
      node: (
        <div>
          <Typography.Text>{t('fleet.attention.failedBatches')}</Typography.Text>
          {a.failedBatches.map((b) => (
            <div key={b.id} style={{ paddingInlineStart: 12 }}>
              <Link href={`/batches/${b.id}`}>{t('fleet.attention.failedBatch', { id: b.id, operation: t(`batches.operations.${b.operation}`), failed: b.failed, total: b.total })}</Link>
            </div>
          ))}
        </div>
      ),
    },
  ].filter((x): x is { key: string; node: React.JSX.Element } => !!x);

  const activity = data.activity.flatMap((d) => [
    { x: d.date.slice(5), y: d.submitted, series: t('fleet.activity.submitted') },
    { x: d.date.slice(5), y: d.passed, series: t('fleet.activity.passed') },
    { x: d.date.slice(5), y: d.rejected, series: t('fleet.activity.rejected') },
  ]);

  return (
    <Flex vertical gap={16}>
      {data.steps.length > 0 && (
        <Card title={t('fleet.start.title')} size="small">
          <Flex gap={8} wrap>
            {data.steps.map((s, i) => (
              <Link key={s.key} href={s.href}>
                <Tag style={{ padding: '4px 10px', fontSize: 14 }}>
                  {i + 1}. {t(`fleet.start.${s.key}`)} <RightOutlined />
                </Tag>
              </Link>
            ))}
          </Flex>
        </Card>
      )}
      <Card title={t('fleet.funnel.title')} extra={<Typography.Text type="secondary">{t('fleet.funnel.help')}</Typography.Text>}>
        <Row gutter={[12, 12]} data-testid="funnel">
          {data.funnel.map((f, i) => (
            <Col key={f.stage} xs={12} md={8} xl={4}>
              <Link href={f.stage === 'recorded' ? '/merchants' : `/merchants?stage=${f.stage}`} aria-label={`${t(`fleet.stages.${f.stage}`)} ${f.count}`} data-stage={f.stage}>
                <Card size="small" hoverable>
                  <Statistic title={t(`fleet.stages.${f.stage}`)} value={f.count} />
                  <Progress percent={f.count === 0 ? 0 : f.fromFirst === null ? 100 : Math.round(f.fromFirst * 100)} status="normal" showInfo={false} size="small" />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i === 0 ? '\u00a0' : t('fleet.funnel.ofPrevious', { pct: pct(f.fromPrevious) })}
                  </Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={10}>
          <Card
            title={
              <Flex gap={8} align="center">
                {attentionItems.length ? <WarningOutlined style={{ color: '#faad14' }} /> : <CheckCircleOutlined style={{ color: '#52c41a' }} />}
                {t('fleet.attention.title')}
              </Flex>
            }
            style={{ height: '100%' }}
            data-testid="attention"
          >
            {attentionItems.length ? (
              <List size="small" dataSource={attentionItems} renderItem={(i) => <List.Item key={i.key}>{i.node}</List.Item>} />
            ) : (
              <Typography.Text type="secondary">{t('fleet.attention.allClear')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('fleet.templates.title')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {t('fleet.templates.help')}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey={(r) => `${r.templateId}@${r.templateVersion}`}
              dataSource={data.templateVersions}
              pagination={data.templateVersions.length > 8 ? { pageSize: 8, size: 'small' } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('fleet.templates.empty')} /> }}
              columns={[
                { title: t('fleet.templates.template'), dataIndex: 'templateName', render: (v: string | null, r) => v ?? r.templateId },
                { title: t('fleet.templates.version'), dataIndex: 'templateVersion' },
                { title: t('fleet.templates.online'), dataIndex: 'online', align: 'right' },
                { title: t('fleet.templates.gray'), dataIndex: 'gray', align: 'right' },
                { title: t('fleet.templates.inAudit'), dataIndex: 'inAudit', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('fleet.activity.title')}>
            <ColumnPlot data={activity} height={260} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('fleet.activity.recentBatches')} style={{ height: '100%' }}>
            <List
              size="small"
              dataSource={data.recentBatches}
              locale={{ emptyText: t('fleet.activity.noBatches') }}
              renderItem={(b) => (
                <List.Item key={b.id} extra={<Tag color={STATUS_COLOR[b.status]}>{t(`batches.status.${b.status}`)}</Tag>}>
                  <List.Item.Meta
                    title={<Link href={`/batches/${b.id}`}>{`#${b.id} ${t(`batches.operations.${b.operation}`)}`}</Link>}
                    description={`${formatDateTime(b.createdAt, { seconds: false })} · ${t('fleet.activity.batchCounts', b)}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
