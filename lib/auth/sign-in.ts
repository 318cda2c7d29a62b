// Checks a staff member's email and password, applying the lockout rule. Used by next-auth's credentials provider.
import type { Db } from '@/db';
import type { User } from '@/db/schema';
import { findUserByEmail, updateUser } from '@/lib/data/users';
import { afterFailure, afterSuccess, lockedUntil, minutesLeft } from './lockout';
import { DUMMY_HASH, verifyPassword } from './password';

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'locked'; minutes: number };

export async function checkCredentials(db: Db, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const user = findUserByEmail(db, email);
  if (!user) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: 'invalid' };
  }
  const locked = lockedUntil(user, now);
  if (locked) return { ok: false, reason: 'locked', minutes: minutesLeft(locked, now) };

  const matches = await verifyPassword(password, user.passwordHash);
  if (!matches) {
    const next = afterFailure(user, now);
    updateUser(db, user.id, next);
    if (next.lockedUntil) return { ok: false, reason: 'locked', minutes: minutesLeft(next.lockedUntil, now) };
    return { ok: false, reason: 'invalid' };
  }
  // A correct password on a disabled account says so, but only once the password is proven.
  if (user.disabled) return { ok: false, reason: 'disabled' };
  const updated = updateUser(db, user.id, { ...afterSuccess(), lastLoginAt: now });
  return { ok: true, user: updated ?? user };
}

/** The error string next-auth carries back to the sign-in form; the form translates it. */
export function signInErrorCode(result: Exclude<SignInResult, { ok: true }>): string {
  return result.reason === 'locked' ? `locked:${result.minutes}` : result.reason;
}
