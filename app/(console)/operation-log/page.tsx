import { Card } from 'antd';
import { OperationLogView } from '@/components/operation-log-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { getTranslator } from '@/lib/i18n/server';
import { listActionNames, listOperations } from '@/lib/operation-log/data';
import { operationFilterOf } from '@/lib/operation-log/log';
import { describeOperations } from '@/lib/operation-log/sentences';
import { operationLogQuerySchema } from '@/lib/validation/operation-log';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('operationLog.title') };
}

export default async function OperationLogPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  await requireUser();
  const { t } = await getTranslator();
  const query = operationLogQuerySchema.parse(await searchParams);
  const db = getDb();
  const { rows, total } = listOperations(db, operationFilterOf(query), query.page, query.pageSize);
  return (
    <>
      <PageHeader title={t('operationLog.title')} />
      <Card>
        <OperationLogView rows={describeOperations(db, t, rows)} total={total} query={query} actions={listActionNames(db)} />
      </Card>
    </>
  );
}
