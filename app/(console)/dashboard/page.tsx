import { Alert } from 'antd';
import { DashboardView } from '@/components/dashboard/dashboard-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { canManageStaff } from '@/lib/auth/roles';
import { loadDashboard } from '@/lib/dashboard/page-data';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('dashboard.title') };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ denied?: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const { denied } = await searchParams;
  const data = loadDashboard(getDb(), { now: new Date().getTime(), canManageStaff: canManageStaff(user.role) });
  return (
    <>
      <PageHeader title={t('dashboard.welcome', { name: user.name })} />
      {denied && <Alert type="warning" showIcon title={t('dashboard.denied')} style={{ marginBottom: 16 }} />}
      <DashboardView data={data} />
    </>
  );
}
