import { Card } from 'antd';
import { PageHeader } from '@/components/page-header';
import { PlanListView } from '@/components/plans/plan-list-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { listPlanSummaries } from '@/lib/plans/data';
import { planRow } from '@/lib/plans/view';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('plans.title') };
}

export default async function PlansPage() {
  const user = await requireUser();
  const { t } = await getTranslator();
  const rows = listPlanSummaries(getDb()).map(({ plan, waves, members }) => ({ ...planRow(plan), waves, members }));
  return (
    <>
      <PageHeader title={t('plans.title')} />
      <Card>
        <PlanListView rows={rows} canStart={hasRole(user.role, 'operator')} />
      </Card>
    </>
  );
}
