// Checks a staff member's email and password, applying the lockout rule and the per-address throttle. Used by
// next-auth's credentials provider.
import type { Db } from '@/db';
import type { User } from '@/db/schema';
import { findUserByEmail, normalizeEmail, updateUser } from '@/lib/staff/data';
import { afterCheckedFailure, afterSuccess, LOCKOUT, minutesLeft, reserveAttempt, type LockoutState } from './lockout';
import { DUMMY_HASH, verifyPassword } from './password';
import { AddressThrottle } from './throttle';

export type SignInResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'disabled' }
  | { ok: false; reason: 'locked'; minutes: number }
  | { ok: false; reason: 'throttled'; minutes: number };

export interface SignInOptions {
  now?: Date;
  /** The client's address and how many attempts it may make per lockout window. */
  address?: string;
  addressLimit?: number;
  /** For tests: the password check (bcrypt by default). */
  verify?: (plain: string, hash: string) => Promise<boolean>;
}

const throttle = new AddressThrottle();

// Unknown emails get the same lockout as real accounts, kept in memory, so that `locked` does not tell a guesser
// the account exists.
const phantoms = new Map<string, LockoutState>();
const MAX_PHANTOMS = 10_000;

function lockoutOf(user: User): LockoutState {
  return { failedLoginCount: user.failedLoginCount, firstFailedLoginAt: user.firstFailedLoginAt, lockedUntil: user.lockedUntil };
}

export async function checkCredentials(db: Db, emailInput: string, password: string, options: SignInOptions | Date = {}): Promise<SignInResult> {
  const opts: SignInOptions = options instanceof Date ? { now: options } : options;
  const now = opts.now ?? new Date();
  const verify = opts.verify ?? verifyPassword;
  const email = normalizeEmail(emailInput);

  if (opts.address && opts.addressLimit) {
    const taken = throttle.take(opts.address, opts.addressLimit, now.getTime());
    if (!taken.ok) return { ok: false, reason: 'throttled', minutes: minutesLeft(new Date(taken.retryAt), now) };
  }

  // Check and count in one immediate transaction, before the slow hash: no two attempts see the same count.
  const reserved = db.transaction(
    () => {
      const user = findUserByEmail(db, email);
      const state = user ? lockoutOf(user) : (phantoms.get(email) ?? afterSuccess());
      const r = reserveAttempt(state, now);
      if (!r.allowed) return { user, refused: r.until };
      if (user) updateUser(db, user.id, r.state);
      else rememberPhantom(email, r.state);
      return { user, refused: null };
    },
    { behavior: 'immediate' },
  );
  if (reserved.refused) return { ok: false, reason: 'locked', minutes: minutesLeft(reserved.refused, now) };

  const user = reserved.user;
  const matches = await verify(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !matches) {
    const settled = db.transaction(
      () => {
        const fresh = user ? findUserByEmail(db, email) : undefined;
        const state = fresh ? lockoutOf(fresh) : (phantoms.get(email) ?? afterSuccess());
        const next = afterCheckedFailure(state, now);
        if (fresh) updateUser(db, fresh.id, next);
        else rememberPhantom(email, next);
        return next;
      },
      { behavior: 'immediate' },
    );
    if (settled.lockedUntil) return { ok: false, reason: 'locked', minutes: minutesLeft(settled.lockedUntil, now) };
    return { ok: false, reason: 'invalid' };
  }

  return db.transaction(
    (): SignInResult => {
      const fresh = findUserByEmail(db, email);
      if (!fresh) return { ok: false, reason: 'invalid' };
      // Wrong guesses sent alongside locked the account meanwhile: the right password does not open it either.
      if (fresh.lockedUntil && fresh.lockedUntil.getTime() > now.getTime()) {
        return { ok: false, reason: 'locked', minutes: minutesLeft(fresh.lockedUntil, now) };
      }
      // A correct password on a disabled account says so, but only once the password is proven.
      if (fresh.disabled) {
        updateUser(db, fresh.id, afterSuccess());
        return { ok: false, reason: 'disabled' };
      }
      const updated = updateUser(db, fresh.id, { ...afterSuccess(), lastLoginAt: now });
      return { ok: true, user: updated ?? fresh };
    },
    { behavior: 'immediate' },
  );
}

function rememberPhantom(email: string, state: LockoutState): void {
  phantoms.delete(email);
  if (state.failedLoginCount === 0 && !state.lockedUntil) return;
  phantoms.set(email, state);
  while (phantoms.size > MAX_PHANTOMS) phantoms.delete(phantoms.keys().next().value as string);
}

/** The error string next-auth carries back to the sign-in form; the form translates it. */
export function signInErrorCode(result: Exclude<SignInResult, { ok: true }>): string {
  if (result.reason === 'locked' || result.reason === 'throttled') return `${result.reason}:${result.minutes}`;
  return result.reason;
}

export { LOCKOUT };
