import { Card } from 'antd';
import { BatchWizard } from '@/components/batches/batch-wizard';
import { isWizardOperation, type WizardInitial } from '@/lib/batches/operations';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { listOperableApps } from '@/lib/batches/data';
import { listTemplateChoices } from '@/lib/batches/template-choices';
import { getCategoryTree, type CategoryNode } from '@/lib/profile/categories';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('batches.new') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?apps=1,2,3&operation=instantiate&templateId=…&templateVersion=…`: a link from the drift view. */
function initialFrom(search: Record<string, string | string[] | undefined>): WizardInitial {
  const ids = (one(search.apps) ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const operation = one(search.operation);
  return {
    merchantAppIds: ids.slice(0, 5000),
    operation: isWizardOperation(operation) ? operation : undefined,
    templateId: one(search.templateId)?.slice(0, 32),
    templateVersion: one(search.templateVersion)?.slice(0, 20),
  };
}

export default async function NewBatchPage({ searchParams }: { searchParams: Search }) {
  await requireUser('operator');
  const initial = initialFrom(await searchParams);
  const { t } = await getTranslator();
  // For the audit form's categories; without them the form still works (each merchant keeps its own).
  const categories = await getCategoryTree().catch(() => [] as CategoryNode[]);
  return (
    <>
      <PageHeader title={t('batches.new')} />
      <Card>
        <BatchWizard apps={listOperableApps(getDb())} templates={listTemplateChoices(getDb())} initial={initial} categories={categories} />
      </Card>
    </>
  );
}
