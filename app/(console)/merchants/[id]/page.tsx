import { MerchantOverview } from '@/components/merchants/merchant-overview';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { getDb } from '@/lib/db';
import { listLinks, listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView, merchantView } from '@/lib/merchants/view';
import { baseInfoCardOf } from '@/lib/codes/base-info-card';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { snapshotForPage } from '@/lib/profile/service';
import { snapshotView } from '@/lib/profile/snapshot';
import { findUserName } from '@/lib/staff/data';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  return signedInTitle(() => `${loadMerchantForPage(id).name} · ${t('merchants.tabs.overview')}`);
}

export default async function MerchantOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const merchant = loadMerchantForPage((await params).id);
  const db = getDb();
  const now = new Date();
  const rows = listMerchantApps(db, merchant.id);
  const apps = rows.map((a) => merchantAppView(a, merchant, now));
  // The basic info of each authorized mini-program as last read; the browser has it read again when it is old.
  const authorized = merchant.archivedAt ? [] : rows.filter((a) => a.status === 'authorized');
  const snapshots = await Promise.all(authorized.map(async (a) => ({ app: a, snapshot: await snapshotForPage(db, a.id, 'overview', { cipher: getTokenCipher() }) })));
  const cards = await Promise.all(snapshots.map(({ app, snapshot }) => baseInfoCardOf(app, snapshot)));
  const createdBy = merchant.createdById ? findUserName(db, merchant.createdById) : null;
  const linkSent = listLinks(db, merchant.id, 1).length > 0;
  return (
    <MerchantOverview
      merchant={merchantView(merchant)}
      createdBy={createdBy ?? null}
      apps={apps}
      linkSent={linkSent}
      baseInfo={cards}
      snapshot={snapshots.length ? snapshotView(snapshots, 'overview', now) : undefined}
    />
  );
}
