// The merchant's public authorization page: no staff account, works on a phone and a desktop. The token in the
// URL is the only credential, so the page sends no Referer anywhere and is kept out of search engines.
import type { Metadata } from 'next';
import QRCode from 'qrcode';
import { AuthorizeLanding, AuthorizeState } from '@/components/authorize/authorize-landing';
import { getDb } from '@/lib/db';
import { markLinkOpened } from '@/lib/authorization/data';
import { resolveLinkToken } from '@/lib/authorization/links';
import { providerName } from '@/lib/authorization/provider';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('authorization.public.title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function AuthorizePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const resolved = resolveLinkToken(db, token);
  const provider = providerName();
  if (resolved.status !== 'active') return <AuthorizeState state={resolved.status} provider={provider} />;
  markLinkOpened(db, resolved.link.id);
  const startPath = `/authorize/${token}/start`;
  const qr = await QRCode.toDataURL(`${getConfig().appUrl}${startPath}`, { width: 240, margin: 1, errorCorrectionLevel: 'M' });
  return <AuthorizeLanding provider={provider} merchant={resolved.merchant.name} expiresAt={resolved.link.expiresAt.toISOString()} startPath={startPath} qr={qr} />;
}
