import { describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { checkSessionCookie, refreshedSessionCookie, SESSION_MAX_AGE_S, sessionCookieName, sessionTimes } from './session-token';

const secret = 'x'.repeat(40);
const idle = 30 * 60_000;

describe('session liveness', () => {
  it('ends a session idle past the timeout, and any session past the absolute limit', () => {
    const now = 1_000_000;
    expect(sessionTimes({ at: now - 60, la: now - 60 }, now, idle)).toBe('ok');
    expect(sessionTimes({ at: now - 3600, la: now - 30 * 60 }, now, idle)).toBe('idle');
    expect(sessionTimes({ at: now - SESSION_MAX_AGE_S, la: now }, now, idle)).toBe('expired');
    expect(sessionTimes({}, now, idle)).toBe('invalid');
  });

  it('the proxy reads the cookie, refuses forged or idle ones, and moves activity forward', async () => {
    const now = Math.floor(Date.now() / 1000);
    const live = await encode({ token: { uid: 3, sv: 0, at: now - 600, la: now - 120 }, secret });
    const checked = await checkSessionCookie(live, secret, idle, now);
    expect(checked).toMatchObject({ ok: true, refresh: true });
    expect(await checkSessionCookie(live, 'y'.repeat(40), idle, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkSessionCookie('garbage', secret, idle, now)).toEqual({ ok: false, reason: 'invalid' });
    expect(await checkSessionCookie(undefined, secret, idle, now)).toEqual({ ok: false, reason: 'missing' });
    const stale = await encode({ token: { uid: 3, sv: 0, at: now - 7200, la: now - 3600 }, secret });
    expect(await checkSessionCookie(stale, secret, idle, now)).toEqual({ ok: false, reason: 'idle' });
    if (!checked.ok) throw new Error('unreachable');
    const refreshed = await refreshedSessionCookie(checked.token, secret, now);
    const again = await checkSessionCookie(refreshed, secret, idle, now + 25 * 60);
    expect(again).toMatchObject({ ok: true, token: { uid: 3, at: now - 600, la: now } });
  });

  it('uses the __Secure- cookie over https', () => {
    expect(sessionCookieName('https://c.example.com')).toBe('__Secure-next-auth.session-token');
    expect(sessionCookieName('http://localhost:3000')).toBe('next-auth.session-token');
  });
});
