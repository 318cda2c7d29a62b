// The sign-in lockout rule: 5 wrong passwords within 15 minutes lock the account for 15 minutes.
export const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

export interface LockoutState {
  failedLoginCount: number;
  firstFailedLoginAt: Date | null;
  lockedUntil: Date | null;
}

export function lockedUntil(state: LockoutState, now: Date): Date | null {
  return state.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/** The state after one more wrong password at `now`. */
export function afterFailure(state: LockoutState, now: Date): LockoutState {
  const windowOpen =
    state.firstFailedLoginAt !== null && now.getTime() - state.firstFailedLoginAt.getTime() < LOCKOUT.windowMs;
  const count = windowOpen ? state.failedLoginCount + 1 : 1;
  const first = windowOpen ? state.firstFailedLoginAt : now;
  if (count >= LOCKOUT.maxFailures) {
    return { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMs) };
  }
  return { failedLoginCount: count, firstFailedLoginAt: first, lockedUntil: null };
}

export const afterSuccess = (): LockoutState => ({ failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null });

/** Whole minutes left, rounded up, for the message shown to the user. */
export function minutesLeft(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

/**
 * Counts an attempt before its password is checked, so that concurrent attempts cannot all read the same stale
 * count: at most `maxFailures` attempts per window are ever checked. The count is settled by the outcome
 * ({@link afterCheckedFailure} or a reset on success).
 */
export function reserveAttempt(state: LockoutState, now: Date): { allowed: true; state: LockoutState } | { allowed: false; until: Date } {
  const locked = lockedUntil(state, now);
  if (locked) return { allowed: false, until: locked };
  const windowOpen =
    state.firstFailedLoginAt !== null && now.getTime() - state.firstFailedLoginAt.getTime() < LOCKOUT.windowMs;
  const count = windowOpen ? state.failedLoginCount : 0;
  // Attempts in flight already fill the window: the lock is coming, say so without checking this one.
  if (count >= LOCKOUT.maxFailures) return { allowed: false, until: new Date(now.getTime() + LOCKOUT.lockMs) };
  return {
    allowed: true,
    state: { failedLoginCount: count + 1, firstFailedLoginAt: windowOpen ? state.firstFailedLoginAt : now, lockedUntil: null },
  };
}

/** A reserved attempt turned out wrong: the count already includes it; lock when it fills the window. */
export function afterCheckedFailure(state: LockoutState, now: Date): LockoutState {
  if (lockedUntil(state, now)) return state;
  if (state.failedLoginCount >= LOCKOUT.maxFailures) {
    return { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMs) };
  }
  return state;
}
