import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, lockedUntil, LOCKOUT, minutesLeft, type LockoutState } from './lockout';

const fresh: LockoutState = afterSuccess();
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 10, 0) + minutes * 60_000);

function failTimes(times: number[]): LockoutState {
  return times.reduce((s, m) => afterFailure(s, at(m)), fresh);
}

describe('lockout rule', () => {
  it('locks on the fifth wrong password within 15 minutes, for 15 minutes', () => {
    const four = failTimes([0, 1, 2, 3]);
    expect(lockedUntil(four, at(3))).toBeNull();
    const five = afterFailure(four, at(4));
    expect(lockedUntil(five, at(4))?.getTime()).toBe(at(4).getTime() + LOCKOUT.lockMs);
    expect(lockedUntil(five, at(18.9))).not.toBeNull();
    expect(lockedUntil(five, at(19))).toBeNull();
  });

  it('does not lock when the failures are spread beyond the window', () => {
    const state = failTimes([0, 5, 10, 14, 16]);
    expect(lockedUntil(state, at(16))).toBeNull();
    expect(state.failedLoginCount).toBe(1);
  });

  it('a success resets the count', () => {
    const state = afterFailure(afterSuccess(), at(0));
    expect(failTimes([0, 1, 2, 3]).failedLoginCount).toBe(4);
    expect(afterFailure(afterSuccess(), at(4)).failedLoginCount).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });

  it('reports whole minutes left, rounded up', () => {
    expect(minutesLeft(at(15), at(0))).toBe(15);
    expect(minutesLeft(at(0.5), at(0))).toBe(1);
  });
});
