import { MerchantOverview } from '@/components/merchants/merchant-overview';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { getDb } from '@/lib/db';
import { listLinks, listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView, merchantView } from '@/lib/merchants/view';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { loadBaseInfoCard } from '@/lib/codes/base-info-card';
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
  // Live basic info of each authorized mini-program (a merchant has a few at most), read in parallel.
  const cards = merchant.archivedAt ? [] : await Promise.all(rows.filter((a) => a.status === 'authorized').map((a) => loadBaseInfoCard(db, a, { cipher: getTokenCipher() })));
  const createdBy = merchant.createdById ? findUserName(db, merchant.createdById) : null;
  const linkSent = listLinks(db, merchant.id, 1).length > 0;
  return <MerchantOverview merchant={merchantView(merchant)} createdBy={createdBy ?? null} apps={apps} linkSent={linkSent} baseInfo={cards} />;
}
