import type { Metadata } from 'next';
import { AuthorizeResult } from '@/components/authorize/authorize-result';
import { getDb } from '@/lib/db';
import { providerName } from '@/lib/authorization/provider';
import { readResult } from '@/lib/authorization/result';
import { getConfig } from '@/lib/config';
import { findMerchant } from '@/lib/merchants/data';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('authorization.public.title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function AuthorizeResultPage({ searchParams }: { searchParams: Promise<{ r?: string }> }) {
  const { r } = await searchParams;
  const result = readResult(getConfig().tokenEncryptionKey, r, new Date().getTime());
  const merchant = result?.m ? findMerchant(getDb(), result.m) : undefined;
  return (
    <AuthorizeResult
      outcome={result?.o ?? 'unknown'}
      provider={providerName()}
      merchant={merchant?.name ?? null}
      apps={(result?.a ?? []).map((a) => ({ authAppId: a.id, appName: a.n }))}
      message={result?.msg ?? null}
    />
  );
}
