import { Card } from 'antd';
import { notFound } from 'next/navigation';
import { BatchDetailView } from '@/components/batches/batch-detail-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { findBatch, listItems } from '@/lib/batches/data';
import { batchProgress } from '@/lib/batches/progress';
import { batchRow, itemRow } from '@/lib/batches/view';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  return { title: t('batches.detail.title', { id: (await params).id }) };
}

/** Measured at each request: the detail view refreshes the page every few seconds while the batch runs. */
function progressNow(batch: Parameters<typeof batchProgress>[0], items: Parameters<typeof batchProgress>[1]) {
  return batchProgress(batch, items, Date.now());
}

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const id = Number((await params).id);
  const db = getDb();
  const batch = Number.isInteger(id) ? findBatch(db, id) : undefined;
  if (!batch) notFound();
  const items = listItems(db, batch.id).map(itemRow);
  const row = batchRow(batch);
  const progress = progressNow(row, items);
  return (
    <>
      <PageHeader title={t('batches.detail.title', { id: batch.id })} />
      <Card>
        <BatchDetailView batch={row} progress={progress} items={items} canOperate={hasRole(user.role, 'operator')} />
      </Card>
    </>
  );
}
