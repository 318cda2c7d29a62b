import { Alert } from 'antd';
import { CodesView, type PageCodeRow } from '@/components/codes/codes-view';
import { getDb } from '@/lib/db';
import { ActionError } from '@/lib/actions/result';
import { alipayUserMessage } from '@/lib/alipay/errors';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getTokenCipher } from '@/lib/authorization/tokens';
import { codeHistory, loadRoutes, type RouteRow } from '@/lib/codes/service';
import { listMerchantApps } from '@/lib/authorization/data';
import { getTranslator } from '@/lib/i18n/server';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantAppView } from '@/lib/merchants/view';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { t } = await getTranslator();
  return { title: `${loadMerchantForPage((await params).id).name} · ${t('merchants.tabs.codes')}` };
}

export default async function CodesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ app?: string; tab?: string }> }) {
  const user = await requireUser();
  const { t } = await getTranslator();
  const merchant = loadMerchantForPage((await params).id);
  const { app: wanted, tab } = await searchParams;
  const db = getDb();
  const apps = listMerchantApps(db, merchant.id);
  const selected = apps.find((a) => a.authAppId === wanted) ?? apps.find((a) => a.status === 'authorized') ?? apps[0];
  const views = apps.map((a) => merchantAppView(a, merchant, new Date()));
  const view = selected ? views.find((a) => a.id === selected.id)! : null;
  if (!view) return <CodesView apps={views} selected={null} canEdit={false} />;

  const history: PageCodeRow[] = codeHistory(db, view.id).map((c) => ({
    id: c.id,
    urlParam: c.urlParam,
    queryParam: c.queryParam,
    describe: c.describe,
    size: c.size,
    color: c.color,
    qrCodeUrl: c.qrCodeUrl,
    circleWhiteUrl: c.circleWhiteUrl,
    circleBlueUrl: c.circleBlueUrl,
    actorEmail: c.actorEmail,
    batchId: c.batchId,
    createdAt: c.createdAt.toISOString(),
  }));
  const activeTab = tab === 'routes' ? 'routes' : 'codes';
  if (view.blocked) return <CodesView apps={views} selected={view} canEdit={false} history={history} routes={[]} tab={activeTab} />;

  let routes: RouteRow[] | undefined;
  let routesError: string | null = null;
  try {
    routes = await loadRoutes(db, view.id, { cipher: getTokenCipher() });
  } catch (e) {
    routesError = e instanceof ActionError ? t(e.message) : alipayUserMessage(e);
  }
  return (
    <CodesView apps={views} selected={view} canEdit={hasRole(user.role, 'operator')} history={history} routes={routes} routesError={routesError} tab={activeTab}>
      {!history.length && <Alert type="info" showIcon title={t('codes.onlineHint')} />}
    </CodesView>
  );
}
