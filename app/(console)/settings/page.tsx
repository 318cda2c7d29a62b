import { PageHeader } from '@/components/page-header';
import { SettingsView } from '@/components/settings-view';
import { describeAlipaySettings, type AlipaySettingsDescription } from '@/lib/alipay/settings';
import { requireUser } from '@/lib/auth/guard';
import { getConfig } from '@/lib/config';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('settings.title') };
}

function safeDescribe(): AlipaySettingsDescription | null {
  try {
    return describeAlipaySettings();
  } catch {
    return null;
  }
}

export default async function SettingsPage() {
  await requireUser();
  const { t } = await getTranslator();
  const config = getConfig();
  const alipay = safeDescribe();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <SettingsView
        mode={config.alipayMode}
        appId={alipay?.appId ?? config.alipay.appId ?? null}
        gateway={config.alipay.gateway}
        openAuthUrl={config.alipay.openAuthUrl}
        notifyUrl={`${config.appUrl}/api/alipay/notify`}
        appPublicKey={alipay?.appPublicKey ?? null}
        alipayPublicKey={alipay?.alipayPublicKey ?? null}
        dataDir={config.dataDir}
      />
    </>
  );
}
