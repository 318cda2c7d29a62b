import { MerchantListView } from '@/components/merchants/merchant-list-view';
import { getDb } from '@/lib/db';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { reconcileAuthorizationNotifications } from '@/lib/authorization/notifications';
import { listMerchants } from '@/lib/merchants/data';
import { getTranslator } from '@/lib/i18n/server';
import { merchantRow } from '@/lib/merchants/view';
import { merchantListQuerySchema } from '@/lib/validation/merchants';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('merchants.title') };
}

export default async function MerchantsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser();
  const query = merchantListQuerySchema.parse(await searchParams);
  const db = getDb();
  // A notification delivered before its handler was registered must not leave a stale status on this page.
  reconcileAuthorizationNotifications(db);
  const { rows, total } = listMerchants(db, query);
  return <MerchantListView rows={rows.map(merchantRow)} total={total} query={query} canEdit={hasRole(user.role, 'operator')} />;
}
