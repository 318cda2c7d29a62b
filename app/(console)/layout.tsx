import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/console-shell';
import { requireUser } from '@/lib/auth/guard';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <ConsoleShell user={user} mode={getConfig().alipayMode}>
      {children}
    </ConsoleShell>
  );
}
