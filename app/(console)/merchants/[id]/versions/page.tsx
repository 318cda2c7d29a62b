import { Button, Empty, Space, Tag } from 'antd';
import Link from 'next/link';
import { VersionsSection } from '@/components/versions/versions-section';
import { getDb } from '@/lib/db';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  return signedInTitle(() => `${loadMerchantForPage(id).name} · ${t('merchants.tabs.versions')}`);
}

// The merchant's Versions tab: one authorized mini-program at a time (?app=), the same section /mini-apps/… shows.
export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ app?: string; version?: string }>;
}) {
  await requireUser();
  const merchant = loadMerchantForPage((await params).id);
  const { app: wanted, version } = await searchParams;
  const apps = listMerchantApps(getDb(), merchant.id);
  const selected = apps.find((a) => a.authAppId === wanted) ?? apps.find((a) => a.status === 'authorized') ?? apps[0];
  if (!selected) {
    const { t } = await getTranslator();
    return (
      <Empty description={t('merchants.placeholder.versions')}>
        <Link href={`/merchants/${merchant.id}/authorization`}>
          <Button type="primary">{t('merchants.placeholder.goAuthorize')}</Button>
        </Link>
      </Empty>
    );
  }
  return (
    <>
      {apps.length > 1 && (
        <Space style={{ marginBottom: 16 }} wrap>
          {apps.map((a) => (
            <Link key={a.id} href={`/merchants/${merchant.id}/versions?app=${encodeURIComponent(a.authAppId)}`}>
              <Tag color={a.id === selected.id ? 'blue' : undefined}>{a.appName ?? a.authAppId}</Tag>
            </Link>
          ))}
        </Space>
      )}
      <VersionsSection merchantAppId={selected.id} focusVersion={version} />
    </>
  );
}
