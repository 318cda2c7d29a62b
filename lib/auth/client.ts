'use client';
// The browser's side of next-auth, kept here so that only lib/auth imports next-auth.
import { signIn } from 'next-auth/react';

export async function signInWithPassword(email: string, password: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const res = await signIn('credentials', { email, password, redirect: false });
  if (res?.ok && !res.error) return { ok: true };
  return { ok: false, error: res?.error ?? 'invalid' };
}

export { signOutToLogin } from './sign-out';
