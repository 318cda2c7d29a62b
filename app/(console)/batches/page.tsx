import { Card } from 'antd';
import { BatchListView } from '@/components/batches/batch-list-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { listBatches } from '@/lib/batches/data';
import { batchRow } from '@/lib/batches/view';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('batches.title') };
}

export default async function BatchesPage() {
  const user = await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('batches.title')} />
      <Card>
        <BatchListView rows={listBatches(getDb(), 100).map(batchRow)} canStart={hasRole(user.role, 'operator')} />
      </Card>
    </>
  );
}
