import { FleetAnalyticsView } from '@/components/analytics/fleet-analytics-view';
import { PageHeader } from '@/components/page-header';
import { getDb } from '@/lib/db';
import { FLEET_RANGES, loadFleetAnalytics } from '@/lib/analytics/page-data';
import { requireUser } from '@/lib/auth/guard';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('analytics.fleetTitle') };
}

export default async function FleetAnalyticsPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  await requireUser();
  const { t } = await getTranslator();
  const wanted = Number((await searchParams).days);
  const days = FLEET_RANGES.find((d) => d === wanted) ?? 7;
  return (
    <>
      <PageHeader title={t('analytics.fleetTitle')} />
      <FleetAnalyticsView data={loadFleetAnalytics(getDb(), days, new Date().getTime())} />
    </>
  );
}
