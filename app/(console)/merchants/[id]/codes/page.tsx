import { ComingSoon } from '@/components/coming-soon';
import { requireUser } from '@/lib/auth/guard';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  return { title: `${loadMerchantForPage((await params).id).name} · ${t('merchants.tabs.codes')}` };
}

// Filled by a later issue; the tab exists so the merchant's pages keep one shape.
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  loadMerchantForPage((await params).id);
  const { t } = await getTranslator();
  return <ComingSoon title={t('placeholder.comingSoon')} description={t('merchants.placeholder.codes')} />;
}
