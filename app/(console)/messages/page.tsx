import { ComingSoon } from '@/components/coming-soon';
import { PageHeader } from '@/components/page-header';
import { requireUser } from '@/lib/auth/guard';
import { getTranslator } from '@/lib/i18n/server';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('nav.messages') };
}

export default async function Page() {
  await requireUser();
  const { t } = await getTranslator();
  return (
    <>
      <PageHeader title={t('nav.messages')} />
      <ComingSoon title={t('placeholder.comingSoon')} description={t('placeholder.messages')} />
    </>
  );
}
