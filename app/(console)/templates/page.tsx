import { Card } from 'antd';
import { TemplatesView } from '@/components/batches/templates-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/db';
import { requireUser } from '@/lib/auth/guard';
import { listTemplates } from '@/lib/batches/templates';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('templates.title') };
}

export default async function TemplatesPage() {
  await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('templates.title')} />
      <Card>
        <TemplatesView rows={await listTemplates(getDb())} />
      </Card>
    </>
  );
}
