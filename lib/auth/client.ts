'use client';
// The browser's side of next-auth, kept here so that only lib/auth imports next-auth.
import { signIn } from 'next-auth/react';
import type { ActionResult } from '@/lib/actions/result';

const REFUSALS: Record<string, 'login.locked' | 'login.throttled' | 'login.disabled'> = { locked: 'login.locked', throttled: 'login.throttled', disabled: 'login.disabled' };

/** Signs in through next-auth and answers as a server action does, so the sign-in form is wired like every other. */
export async function signInWithPassword({ email, password }: { email: string; password: string }): Promise<ActionResult<null>> {
  const res = await signIn('credentials', { email, password, redirect: false });
  if (res?.ok && !res.error) return { ok: true, data: null };
  // next-auth carries the refusal as "code[:minutes]" (lib/auth/sign-in.ts).
  const [code, minutes] = (res?.error ?? 'invalid').split(':');
  return { ok: false, error: REFUSALS[code] ?? 'login.invalid', params: { minutes: Number(minutes) || 15 } };
}

export { signOutToLogin } from './sign-out';
