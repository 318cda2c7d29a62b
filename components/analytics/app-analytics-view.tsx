'use client';
// One mini-program's 数据分析 tab: yesterday's summary, the 30-day trend, today's hourly trend, provinces and pages.
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { refreshFigures } from '@/app/(console)/analytics/actions';
import { BarPlot, ColumnPlot, LinePlot } from '@/components/charts/lazy';
import type { AppAnalytics } from '@/lib/analytics/page-data';
import { formatDateTime } from '@/lib/format';
import { translateMessage } from '@/lib/i18n/core';
import { useT } from '@/lib/i18n/client';

const SUMMARY = [
  ['pv', 'analytics.pv'],
  ['uv', 'analytics.uv'],
  ['newUsers', 'analytics.newUsers'],
  ['launches', 'analytics.launches'],
  ['shares', 'analytics.shares'],
  ['stayPerUser', 'analytics.stayPerUser'],
  ['stayPerVisit', 'analytics.stayPerVisit'],
] as const;

export function AppAnalyticsView({ merchantAppId, data }: { merchantAppId: number; data: AppAnalytics }) {
  const t = useT();
  const router = useRouter();
  const { message } = App.useApp();
  const [pending, start] = useTransition();
  const refresh = () =>
    start(async () => {
      const r = await refreshFigures({ merchantAppId });
      if (r.ok) {
        message.success(t('analytics.refreshQueued'));
        router.refresh();
      } else message.error(translateMessage(t, r.error, r.params));
    });

  const trend = data.trend.flatMap((d) => [
    { x: d.date.slice(5), y: d.pv, series: t('analytics.pv') },
    { x: d.date.slice(5), y: d.uv, series: t('analytics.uv') },
    { x: d.date.slice(5), y: d.newUsers, series: t('analytics.newUsers') },
  ]);
  const hourly = data.hourly.flatMap((r) => {
    const hour = (r.reportTime ?? '').slice(11, 16);
    return [
      { x: hour, y: r.appPv, series: t('analytics.pv') },
      { x: hour, y: r.appUv, series: t('analytics.uv') },
    ];
  });

  return (
    <Flex vertical gap={16} style={{ marginTop: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary">
          {[data.dailyAt && t('analytics.dailyAt', { time: formatDateTime(data.dailyAt, { seconds: false }) }), data.realtimeAt && t('analytics.realtimeAt', { time: formatDateTime(data.realtimeAt, { seconds: false }) })]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} loading={pending || data.refreshPending} onClick={refresh}>
          {data.refreshPending ? t('analytics.refreshPending') : t('analytics.refresh')}
        </Button>
      </Flex>
      {!data.online && !data.trend.length && <Alert type="info" showIcon title={t('analytics.notOnline')} />}
      <Card title={t('analytics.yesterday', { date: data.yesterday })} data-testid="yesterday">
        {data.summary ? (
          <Row gutter={[16, 16]}>
            {SUMMARY.map(([key, label]) => (
              <Col key={key} xs={12} md={8} xl={3}>
                <Statistic
                  title={t(label)}
                  value={data.summary![key]}
                  suffix={key.startsWith('stay') ? t('analytics.secondsUnit') : undefined}
                  data-testid={`figure-${key}`}
                />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noFigures')} />
        )}
      </Card>
      <Card title={t('analytics.trend30')}>{data.trend.length ? <LinePlot data={trend} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noFigures')} />}</Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('analytics.hourly')} style={{ height: '100%' }}>
            {hourly.length ? <ColumnPlot data={hourly} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noRealtime')} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('analytics.byProvince')} style={{ height: '100%' }}>
            {data.areas.length ? (
              <BarPlot data={data.areas.map((a) => ({ x: a.areaName ?? a.areaCode ?? '—', y: a.areaPv }))} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noRealtime')} />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('analytics.byPage')}>
        {data.pages.length ? (
          <BarPlot data={data.pages.map((p) => ({ x: p.url ?? '—', y: p.pagePv }))} height={220} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.noRealtime')} />
        )}
      </Card>
    </Flex>
  );
}
