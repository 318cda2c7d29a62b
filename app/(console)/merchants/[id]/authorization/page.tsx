import { AuthorizationPanel, type LinkRow } from '@/components/merchants/authorization-panel';
import { getDb } from '@/lib/db';
import { requireUser, signedInTitle } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { linkState } from '@/lib/authorization/link-token';
import { listLinks, listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView } from '@/lib/merchants/view';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  const { id } = await params;
  return signedInTitle(() => `${loadMerchantForPage(id).name} · ${t('merchants.tabs.authorization')}`);
}

export default async function AuthorizationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const merchant = loadMerchantForPage((await params).id);
  const db = getDb();
  const now = new Date();
  const links: LinkRow[] = listLinks(db, merchant.id, 10).map(({ link, createdBy }) => ({
    id: link.id,
    hint: link.tokenHint,
    state: linkState(link, now),
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    lastOpenedAt: link.lastOpenedAt?.toISOString() ?? null,
    lastUsedAt: link.lastUsedAt?.toISOString() ?? null,
    createdBy: createdBy ?? null,
  }));
  const apps = listMerchantApps(db, merchant.id).map((a) => merchantAppView(a, merchant, now));
  return (
    <AuthorizationPanel
      merchantId={merchant.id}
      merchantName={merchant.name}
      archived={merchant.archivedAt !== null}
      links={links}
      apps={apps}
      canEdit={hasRole(user.role, 'operator')}
    />
  );
}
