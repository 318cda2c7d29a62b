import { Empty } from 'antd';
import { AppAnalyticsView } from '@/components/analytics/app-analytics-view';
import { MiniAppPicker } from '@/components/merchants/mini-app-picker';
import { getDb } from '@/lib/db';
import { loadAppAnalytics } from '@/lib/analytics/page-data';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView } from '@/lib/merchants/view';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  return signedInTitle(() => `${loadMerchantForPage(id).name} · ${t('analytics.tab')}`);
}

// The merchant's 数据分析 tab: one mini-program at a time (?app=), read from the figures the worker stored.
export default async function AnalyticsTab({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ app?: string }> }) {
  await requireUser();
  const merchant = loadMerchantForPage((await params).id);
  const { app: wanted } = await searchParams;
  const db = getDb();
  const apps = listMerchantApps(db, merchant.id);
  const selected = apps.find((a) => a.authAppId === wanted) ?? apps.find((a) => a.status === 'authorized') ?? apps[0];
  if (!selected) {
    const { t } = await getTranslator();
    return <Empty style={{ marginTop: 32 }} description={t('analytics.noApps')} />;
  }
  const now = new Date();
  const views = apps.map((a) => merchantAppView(a, merchant, now));
  return (
    <>
      <MiniAppPicker apps={views} selected={views.find((v) => v.id === selected.id)!} />
      <AppAnalyticsView merchantAppId={selected.id} data={loadAppAnalytics(db, selected.id, now.getTime())} />
    </>
  );
}
