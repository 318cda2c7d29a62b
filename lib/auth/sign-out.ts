'use client';
// Signing out, apart from lib/auth/client.ts: the console shell imports only this, and next-auth's browser code
// (~11 kB of every page's first load otherwise) loads when someone actually signs out.
export async function signOutToLogin(): Promise<void> {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/login?signedOut=1' });
}
