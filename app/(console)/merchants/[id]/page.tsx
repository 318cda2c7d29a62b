import { MerchantOverview } from '@/components/merchants/merchant-overview';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { listLinks, listMerchantApps } from '@/lib/data/authorization';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView, merchantView } from '@/lib/merchants/view';
import { eq } from 'drizzle-orm';

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
  const apps = listMerchantApps(db, merchant.id).map((a) => merchantAppView(a, merchant, now));
  const createdBy = merchant.createdById ? db.select({ name: users.name }).from(users).where(eq(users.id, merchant.createdById)).get()?.name : null;
  const linkSent = listLinks(db, merchant.id, 1).length > 0;
  return <MerchantOverview merchant={merchantView(merchant)} createdBy={createdBy ?? null} apps={apps} linkSent={linkSent} />;
}
