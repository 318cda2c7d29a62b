import { SandboxConsole } from '@/components/sandbox/sandbox-console';
import type { SandboxTab } from '@/components/sandbox/types';
import { requireUser } from '@/lib/auth/guard';
import { canOperate } from '@/lib/auth/roles';
import { getTranslator } from '@/lib/i18n/server';
import { loadSandboxView } from '@/lib/sandbox/control-page/data';
import { sandboxOnly } from '@/lib/sandbox/control-page/guard';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('sandbox.title') };
}

const TABS: SandboxTab[] = ['audits', 'authorizations', 'accounts', 'invitations', 'templates', 'faults', 'requests', 'messages', 'settings'];

export default async function SandboxPage({ searchParams }: { searchParams: Promise<{ tab?: string }> }) {
  sandboxOnly();
  const user = await requireUser('viewer');
  const { tab } = await searchParams;
  const initialTab = TABS.find((t) => t === tab) ?? 'audits';
  return <SandboxConsole data={loadSandboxView(canOperate(user.role))} initialTab={initialTab} />;
}
