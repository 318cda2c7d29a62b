import { Skeleton } from 'antd';
import { ProfileView, type ProfileHistoryRow } from '@/components/merchants/profile-view';
import { SafeDomainsCard } from '@/components/merchants/safe-domains-card';
import { getDb } from '@/lib/db';
import { SnapshotRefresh } from '@/components/merchants/snapshot-refresh';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView } from '@/lib/merchants/view';
import { getCategoryTree, type CategoryNode } from '@/lib/profile/categories';
import { listProfileChanges } from '@/lib/profile/data';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { currentCategoryIds, snapshotForPage, TEXT_FIELDS } from '@/lib/profile/service';
import { snapshotView } from '@/lib/profile/snapshot';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  return signedInTitle(() => `${loadMerchantForPage(id).name} · ${t('merchants.tabs.profile')}`);
}

export default async function ProfilePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ app?: string }> }) {
  const user = await requireUser();
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

  // Rendered from the stored snapshot; the browser has the platform read again when it is old, and the form stays
  // disabled until then, so an edit always starts from the platform's current values.
  const snapshot = await snapshotForPage(db, selected.id, 'baseInfo', { cipher: getTokenCipher() });
  const refresh = snapshotView([{ app: selected, snapshot }], 'baseInfo', now);
  const status = <SnapshotRefresh key={selected.id} {...refresh} />;
  const live = snapshot.baseInfo;
  if (!live) {
    return (
      <ProfileView apps={appViews} selected={view} history={history} canEdit={false} status={status}>
        <Skeleton active />
      </ProfileView>
    );
  }
  let tree: CategoryNode[] = [];
  let treeError = false;
  try {
    tree = await getCategoryTree();
  } catch {
    treeError = true;
  }
  const nameLocked = selected.nameFrozenAt !== null;
  const categoryIds = currentCategoryIds(selected, live, tree);
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
      stale={refresh.stale}
      status={status}
      tree={tree}
      treeError={treeError}
      after={<SafeDomainsCard merchantAppId={selected.id} domains={live.safeDomains} canEdit={hasRole(user.role, 'operator')} />}
      initial={{
        merchantAppId: selected.id,
        appName: live.appName ?? '',
        appEnglishName: live.appEnglishName ?? '',
        appSlogan: live.appSlogan ?? '',
        appDesc: live.appDesc ?? '',
        categoryIds,
        servicePhone: live.servicePhone ?? '',
        serviceEmail: live.serviceEmail ?? '',
        nameLocked,
        logo: null,
        startedFrom: {
          appName: live.appName ?? '',
          appEnglishName: live.appEnglishName ?? '',
          appSlogan: live.appSlogan ?? '',
          appDesc: live.appDesc ?? '',
          servicePhone: live.servicePhone ?? '',
          serviceEmail: live.serviceEmail ?? '',
          categoryIds,
        },
      }}
    />
  );
}
