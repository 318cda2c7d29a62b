import { Alert } from 'antd';
import { ProfileView, type ProfileHistoryRow } from '@/components/merchants/profile-view';
import { SafeDomainsCard } from '@/components/merchants/safe-domains-card';
import { getDb } from '@/lib/db';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { ActionError } from '@/lib/actions/result';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView } from '@/lib/merchants/view';
import { getCategoryTree, type CategoryNode } from '@/lib/profile/categories';
import { listProfileChanges } from '@/lib/profile/data';
import { currentCategoryIds, loadProfile, TEXT_FIELDS, type LoadedProfile } from '@/lib/profile/service';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  return signedInTitle(() => `${loadMerchantForPage(id).name} · ${t('merchants.tabs.profile')}`);
}

export default async function ProfilePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ app?: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const merchant = loadMerchantForPage((await params).id);
  const { app: wanted } = await searchParams;
  const db = getDb();
  const now = new Date();
  const apps = listMerchantApps(db, merchant.id);
  const selected = apps.find((a) => a.authAppId === wanted) ?? apps.find((a) => a.status === 'authorized') ?? apps[0];
  const appViews = apps.map((a) => merchantAppView(a, merchant, now));
  if (!selected) return <ProfileView apps={[]} selected={null} canEdit={false} />;

  const view = appViews.find((a) => a.id === selected.id)!;
  const history: ProfileHistoryRow[] = listProfileChanges(db, selected.id).map((c) => ({
    id: c.id,
    at: c.createdAt.toISOString(),
    actor: c.actorEmail,
    changes: c.changes,
    modifyStatus: c.modifyStatus,
  }));
  if (view.blocked) return <ProfileView apps={appViews} selected={view} history={history} canEdit={false} />;

  let loaded: LoadedProfile | null = null;
  let loadError: string | null = null;
  try {
    loaded = await loadProfile(db, selected.id, { cipher: getTokenCipher() });
  } catch (e) {
    loadError = e instanceof ActionError ? t(e.message) : alipayUserMessage(e);
  }
  let tree: CategoryNode[] = [];
  let treeError = false;
  try {
    tree = await getCategoryTree();
  } catch {
    treeError = true;
  }
  if (!loaded) {
    return (
      <ProfileView apps={appViews} selected={view} history={history} canEdit={false}>
        <Alert type="error" showIcon title={t('profile.errors.loadFailed', { message: loadError ?? '' })} />
      </ProfileView>
    );
  }
  const { live, nameLocked } = loaded;
  const latest = history[0];
  // A change waiting for the platform's info review shows until the live profile carries its values.
  const auditing =
    latest?.modifyStatus === 'AUDITING' &&
    TEXT_FIELDS.some((f) => latest.changes[f] && (live[f] ?? '') !== (latest.changes[f].after ?? ''));
  return (
    <ProfileView
      apps={appViews}
      selected={view}
      history={history}
      canEdit={hasRole(user.role, 'operator')}
      live={live}
      nameLocked={nameLocked}
      auditing={auditing}
      tree={tree}
      treeError={treeError}
      after={<SafeDomainsCard merchantAppId={selected.id} domains={live.safeDomains} canEdit={hasRole(user.role, 'operator')} />}
      initial={{
        merchantAppId: selected.id,
        appName: live.appName ?? '',
        appEnglishName: live.appEnglishName ?? '',
        appSlogan: live.appSlogan ?? '',
        appDesc: live.appDesc ?? '',
        categoryIds: currentCategoryIds(selected, live, tree),
        servicePhone: live.servicePhone ?? '',
        serviceEmail: live.serviceEmail ?? '',
        nameLocked,
        logo: null,
      }}
    />
  );
}
