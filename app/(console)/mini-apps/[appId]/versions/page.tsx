import { Breadcrumb } from 'antd';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/page-header';
import { VersionsSection } from '@/components/versions/versions-section';
import { getDb } from '@/lib/db';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { findMerchantAppByAuthAppId } from '@/lib/authorization/data';
import { findMerchant } from '@/lib/merchants/data';
import { getTranslator } from '@/lib/i18n/server';

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<{ version?: string }> };

function load(appId: string) {
  const app = findMerchantAppByAuthAppId(getDb(), decodeURIComponent(appId));
  const merchant = app ? findMerchant(getDb(), app.merchantId) : undefined;
  return app && merchant ? { app, merchant } : null;
}

export async function generateMetadata({ params }: Props) {
  const { t } = await getTranslator();
  const { appId } = await params;
  return signedInTitle(() => {
    const found = load(appId);
    return t('versions.pageTitle', { name: found?.app.appName ?? found?.app.authAppId ?? '' });
  });
}

/** A mini-program's versions on their own page (inbox messages link here); the merchant page embeds the same section. */
export default async function MiniAppVersionsPage({ params, searchParams }: Props) {
  await requireUser();
  const { t } = await getTranslator();
  const found = load((await params).appId);
  if (!found) notFound();
  const { app, merchant } = found;
  const { version } = await searchParams;
  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[
          { title: <Link href="/merchants">{t('nav.merchants')}</Link> },
          { title: <Link href={`/merchants/${merchant.id}`}>{merchant.name}</Link> },
          { title: app.appName ?? app.authAppId },
          { title: t('versions.title') },
        ]}
      />
      <PageHeader title={t('versions.pageTitle', { name: app.appName ?? app.authAppId })} />
      <VersionsSection merchantAppId={app.id} focusVersion={version} />
    </>
  );
}
