// Alipay's app-to-app batch authorization page, as the sandbox plays it (contract §3).
import { OpenAuthError, OpenAuthView } from '@/components/sandbox/openauth/openauth-view';
import { sandboxOnly } from '@/lib/sandbox/control-page/guard';
import { getSandbox } from '@/lib/sandbox';
import { checkAuthRequest } from '../../auth-request';
import { readMerchantSession } from '../../session';

export const dynamic = 'force-dynamic';

export default async function AppToAppBatchAuthPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  sandboxOnly();
  const checked = checkAuthRequest(await searchParams);
  if (!checked.ok) return <OpenAuthError error={checked.error} />;

  const control = getSandbox().control;
  const userId = await readMerchantSession();
  const account = userId ? control.listAccounts().find((a) => a.userId === userId) : undefined;
  const merchant = account
    ? {
        name: account.name,
        logonId: account.logonId,
        miniApps: control.listMiniApps(account.userId).map((m) => ({ appId: m.appId, name: m.name, authorized: m.authorized })),
      }
    : null;
  return <OpenAuthView request={checked.request} isvAppId={getSandbox().identity.appId} merchant={merchant} />;
}
