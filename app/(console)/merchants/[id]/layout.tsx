import type { ReactNode } from 'react';
import { MerchantHeader } from '@/components/merchants/merchant-header';
import { requireUser } from '@/lib/auth/guard';
import { hasRole } from '@/lib/auth/roles';
import { getDb } from '@/lib/db';
import { hasAuthorizedApps } from '@/lib/merchants/data';
import { loadMerchantForPage } from '@/lib/merchants/page-data';
import { merchantView } from '@/lib/merchants/view';

export default async function MerchantLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const merchant = loadMerchantForPage((await params).id);
  return (
    <>
      <MerchantHeader merchant={merchantView(merchant)} canEdit={hasRole(user.role, 'operator')} deletable={!hasAuthorizedApps(getDb(), merchant.id)} />
      {children}
    </>
  );
}
