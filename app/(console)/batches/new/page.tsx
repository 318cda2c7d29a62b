import { Card } from 'antd';
import { BatchWizard } from '@/components/batches/batch-wizard';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { listOperableApps } from '@/lib/batches/subjects';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('batches.new') };
}

export default async function NewBatchPage() {
  await requireUser('operator');
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('batches.new')} />
      <Card>
        <BatchWizard apps={listOperableApps(getDb())} />
      </Card>
    </>
  );
}
