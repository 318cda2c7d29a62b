import { Card } from 'antd';
import { PageHeader } from '@/components/page-header';
import { StaffView } from '@/components/staff-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { lockedUntil } from '@/lib/auth/lockout';
import { listUsers } from '@/lib/staff/data';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('staff.title') };
}

export default async function StaffPage() {
  const me = await requireUser('owner');
  const { t } = await getTranslator();
  const now = new Date();
  const rows = listUsers(getDb()).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    locked: lockedUntil(u, now) !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
  return (
    <>
      <PageHeader title={t('staff.title')} />
      <Card>
        <StaffView rows={rows} meId={me.id} />
      </Card>
    </>
  );
}
