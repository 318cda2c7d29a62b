'use client';
// The fleet's data analysis: sums over 7 or 30 days, and the mini-programs with the most and the fewest users.
import { Card, Col, Empty, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { LinePlot } from '@/components/charts/lazy';
import type { RankedApp as Ranked } from '@/lib/analytics/data';
import { useT } from '@/lib/i18n/client';


export interface FleetAnalyticsData {
  from: string;
  to: string;
  days: number;
  daily: { date: string; pv: number; uv: number; newUsers: number; apps: number }[];
  totals: { pv: number; uv: number; newUsers: number };
  activeApps: number;
  top: Ranked[];
  bottom: Ranked[];
}

export function FleetAnalyticsView({ data }: { data: FleetAnalyticsData }) {
  const t = useT();
  const router = useRouter();
  const ranking = (rows: Ranked[], empty: string) => (
    <Table<Ranked>
      size="small"
      rowKey="merchantAppId"
      pagination={false}
      dataSource={rows}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      columns={[
        {
          title: t('analytics.miniApp'),
          render: (_v, r) => <Link href={`/merchants/${r.merchantId}/analytics?app=${encodeURIComponent(r.authAppId)}`}>{r.appName ?? r.authAppId}</Link>,
        },
        { title: t('analytics.merchant'), dataIndex: 'merchantName' },
        { title: t('analytics.uv'), dataIndex: 'uv', align: 'right' },
        { title: t('analytics.pv'), dataIndex: 'pv', align: 'right' },
      ]}
    />
  );
  const series = data.daily.flatMap((d) => [
    { x: d.date.slice(5), y: d.pv, series: t('analytics.pv') },
    { x: d.date.slice(5), y: d.uv, series: t('analytics.uv') },
  ]);
  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={12}>
        <Typography.Text type="secondary">{t('analytics.range')}</Typography.Text>
        <Segmented
          value={data.days}
          options={[7, 30].map((n) => ({ value: n, label: t('analytics.days', { n }) }))}
          onChange={(v) => router.push(`/analytics?days=${v}`)}
        />
        <Typography.Text type="secondary">
          {data.from} – {data.to} · {t('analytics.sumNote')}
        </Typography.Text>
      </Flex>
      <Card title={t('analytics.fleetSum')}>
        <Row gutter={16}>
          <Col span={6}>
            <Statistic title={t('analytics.pv')} value={data.totals.pv} />
          </Col>
          <Col span={6}>
            <Statistic title={t('analytics.uv')} value={data.totals.uv} />
          </Col>
          <Col span={6}>
            <Statistic title={t('analytics.newUsers')} value={data.totals.newUsers} />
          </Col>
          <Col span={6}>
            <Statistic title={t('analytics.activeApps')} value={data.activeApps} />
          </Col>
        </Row>
        <div style={{ marginTop: 16 }}>{series.length ? <LinePlot data={series} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.fleetEmpty')} />}</div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('analytics.top')}>{ranking(data.top, t('analytics.fleetEmpty'))}</Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('analytics.bottom')}>{ranking(data.bottom, data.top.length ? t('analytics.bottomSame') : t('analytics.fleetEmpty'))}</Card>
        </Col>
      </Row>
    </Flex>
  );
}
