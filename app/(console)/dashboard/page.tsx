import { Alert, Card, Col, Row, Statistic, Steps } from 'antd';
import { count, gte } from 'drizzle-orm';
import { OperationTable } from '@/components/operation-table';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/db';
import { operationLogs, users } from '@/db/schema';
import { requireUser } from '@/lib/auth/guard';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/server';
import { listOperations } from '@/lib/operation-log';
import { describeOperations } from '@/lib/operation-log-sentences';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('dashboard.title') };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const { denied } = await searchParams;
  const db = getDb();
  const startOfDay = new Date();
  startOfDay.setHours(0, 0, 0, 0);
  const staff = db.select({ n: count() }).from(users).get()?.n ?? 0;
  const today = db.select({ n: count() }).from(operationLogs).where(gte(operationLogs.at, startOfDay)).get()?.n ?? 0;
  const recent = listOperations(db, {}, 1, 8).rows;
  const mode = getConfig().alipayMode;
  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name: user.name })} />
      {denied && <Alert type="warning" showIcon title={t('dashboard.denied')} style={{ marginBottom: 16 }} />}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Card><Statistic title={t('dashboard.mode')} value={mode === 'sandbox' ? t('settings.sandbox') : t('settings.production')} /></Card>
        </Col>
        <Col span={8}>
          <Card><Statistic title={t('dashboard.staffCount')} value={staff} /></Card>
        </Col>
        <Col span={8}>
          <Card><Statistic title={t('dashboard.operationsToday')} value={today} /></Card>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={10}>
          <Card title={t('dashboard.gettingStarted')}>
            <Steps
              orientation="vertical"
              size="small"
              current={-1}
              items={[1, 2, 3, 4].map((n) => ({ title: t(`dashboard.step${n}`) }))}
            />
          </Card>
        </Col>
        <Col span={14}>
          <Card title={t('dashboard.recentOperations')}>
            <OperationTable compact rows={describeOperations(db, t, recent)} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
