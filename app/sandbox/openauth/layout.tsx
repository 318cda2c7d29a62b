import type { ReactNode } from 'react';
import { sandboxOnly } from '@/lib/sandbox/control-page/guard';
import { ClientMessages } from '@/lib/i18n/provider';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: { absolute: t('sandbox.openauth.pageTitle') } };
}

export default function OpenAuthLayout({ children }: { children: ReactNode }) {
  sandboxOnly();
  return <ClientMessages scope="sandbox">{children}</ClientMessages>;
}
