import { Card } from 'antd';
import { PageHeader } from '@/components/page-header';
import { PlanForm, type PlanFormInitial } from '@/components/plans/plan-form';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { listOperableApps } from '@/lib/batches/data';
import { listTemplateChoices } from '@/lib/batches/template-choices';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('plans.new') };
}

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?apps=1,2,3&templateId=…&templateVersion=…`: "every mini-program behind this version" from the drift view. */
function initialFrom(search: Record<string, string | string[] | undefined>): PlanFormInitial {
  const ids = (one(search.apps) ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return { merchantAppIds: ids.slice(0, 5000), templateId: one(search.templateId)?.slice(0, 32), templateVersion: one(search.templateVersion)?.slice(0, 20) };
}

export default async function NewPlanPage({ searchParams }: { searchParams: Search }) {
  await requireUser('operator');
  const initial = initialFrom(await searchParams);
  const { t } = await getTranslator();
  const db = getDb();
  return (
    <>
      <PageHeader title={t('plans.new')} />
      <Card>
        <PlanForm apps={listOperableApps(db)} templates={listTemplateChoices(db)} initial={initial} />
      </Card>
    </>
  );
}
