import type { ReactNode } from 'react';
import { ClientMessages } from '@/lib/i18n/provider';

// This segment's messages for its client components (lib/i18n/scopes.ts).
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages scope="analytics">{children}</ClientMessages>;
}
