'use client';
// The browser's side of next-auth, kept here so that only lib/auth imports next-auth. Loaded when someone signs in
// or out, not with every page (next-auth/react is ~11 kB of the shell's first load otherwise).
export async function signInWithPassword(email: string, password: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const { signIn } = await import('next-auth/react');
  const res = await signIn('credentials', { email, password, redirect: false });
  if (res?.ok && !res.error) return { ok: true };
  return { ok: false, error: res?.error ?? 'invalid' };
}

export async function signOutToLogin(): Promise<void> {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/login?signedOut=1' });
}
