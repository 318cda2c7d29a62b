// Next.js renders this route for a URL it cannot decode (e.g. `/authorize/%ff`): without it such a request ends in a
// bare 500. Mangled URLs are most often a merchant's authorization link cut or altered in a chat app, so the answer
// is the public unknown-link page; it reads nothing.
import type { Metadata } from 'next';
import { AuthorizeState } from '@/components/authorize/authorize-landing';
import { providerName } from '@/lib/authorization/provider';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t('authorization.public.title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default function BadRequestPage() {
  return <AuthorizeState state="unknown" provider={providerName()} />;
}
