import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { getCurrentUser } from '@/lib/auth/guard';
import { readDemoCredentials } from '@/lib/bootstrap';
import { getTranslator } from '@/lib/i18n/server';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const { t } = await getTranslator();
  return { title: t('login.title') };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ signedOut?: string; idle?: string }> }) {
  if (await getCurrentUser()) redirect('/dashboard');
  const { signedOut, idle } = await searchParams;
  return <LoginForm demo={readDemoCredentials()} signedOut={signedOut === '1'} idle={idle === '1'} />;
}
