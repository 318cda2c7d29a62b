import { Card } from 'antd';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/page-header';
import { PlanDetailView } from '@/components/plans/plan-detail-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { planDetail } from '@/lib/plans/view';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  return { title: t('plans.detail.title', { id: (await params).id }) };
}

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const id = Number((await params).id);
  const detail = Number.isInteger(id) && id > 0 ? planDetail(getDb(), id) : undefined;
  if (!detail) notFound();
  return (
    <>
      <PageHeader title={`${t('plans.detail.title', { id: detail.plan.id })} · ${detail.plan.name}`} />
      <Card>
        <PlanDetailView detail={detail} canOperate={hasRole(user.role, 'operator')} />
      </Card>
    </>
  );
}
