import { Alert } from 'antd';
import { MembersView } from '@/components/members/members-view';
import { getDb } from '@/lib/db';
import { ActionError } from '@/lib/actions/result';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { loadMembers, type RoleList } from '@/lib/members/service';
import { merchantAppView } from '@/lib/merchants/view';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  return { title: `${loadMerchantForPage((await params).id).name} · ${t('merchants.tabs.members')}` };
}

export default async function MembersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ app?: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const merchant = loadMerchantForPage((await params).id);
  const { app: wanted } = await searchParams;
  const db = getDb();
  const apps = listMerchantApps(db, merchant.id);
  const selected = apps.find((a) => a.authAppId === wanted) ?? apps.find((a) => a.status === 'authorized') ?? apps[0];
  const views = apps.map((a) => merchantAppView(a, merchant, new Date()));
  const view = selected ? views.find((a) => a.id === selected.id)! : null;
  const canEdit = hasRole(user.role, 'operator');
  if (!view || view.blocked) return <MembersView apps={views} selected={view} canEdit={false} />;

  let lists: RoleList[] | undefined;
  let error: string | null = null;
  try {
    lists = await loadMembers(db, view.id, { cipher: getTokenCipher() });
  } catch (e) {
    error = e instanceof ActionError ? t(e.message) : alipayUserMessage(e);
  }
  return (
    <MembersView apps={views} selected={view} canEdit={canEdit} lists={lists}>
      {error && <Alert type="error" showIcon title={t('members.loadFailed', { message: error })} />}
    </MembersView>
  );
}
