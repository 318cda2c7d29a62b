// The session cookie as the proxy sees it: decoded and checked without the database (the guard re-reads the user),
// so that every console request without a live session is refused before any page code runs.
import { decode, encode, type JWT } from 'next-auth/jwt';

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    /** The user's session version when signed in; a sign-out, password reset or disable bumps it. */
    sv?: number;
    /** When the staff member signed in (seconds). */
    at?: number;
    /** Last activity (seconds), moved forward by the proxy. */
    la?: number;
  }
}

/** An absolute limit on a session, whatever the activity: the staff member signs in again after it. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/** The proxy re-issues the cookie with a new last-activity time at most this often. */
export const ACTIVITY_REFRESH_S = 60;

export function sessionCookieName(appUrl: string): string {
  // next-auth v4's own choice: the __Secure- prefix when it serves over https.
  return appUrl.startsWith('https://') ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

export type SessionCheck = { ok: true; token: JWT; refresh: boolean } | { ok: false; reason: 'missing' | 'invalid' | 'idle' | 'expired' };

/** Pure rule over a decoded token's times (seconds), for the proxy and the guard alike. */
export function sessionTimes(token: Pick<JWT, 'at' | 'la'>, nowS: number, idleMs: number): 'ok' | 'idle' | 'expired' | 'invalid' {
  if (typeof token.at !== 'number' || typeof token.la !== 'number') return 'invalid';
  if (nowS - token.at >= SESSION_MAX_AGE_S) return 'expired';
  if ((nowS - token.la) * 1000 >= idleMs) return 'idle';
  return 'ok';
}

export async function checkSessionCookie(value: string | undefined, secret: string, idleMs: number, nowS = Math.floor(Date.now() / 1000)): Promise<SessionCheck> {
  if (!value) return { ok: false, reason: 'missing' };
  let token: JWT | null = null;
  try {
    token = await decode({ token: value, secret });
  } catch {
    token = null;
  }
  if (!token || typeof token.uid !== 'number') return { ok: false, reason: 'invalid' };
  const times = sessionTimes(token, nowS, idleMs);
  if (times !== 'ok') return { ok: false, reason: times };
  return { ok: true, token, refresh: nowS - (token.la as number) >= ACTIVITY_REFRESH_S };
}

/** The same session with a new last-activity time. */
export function refreshedSessionCookie(token: JWT, secret: string, nowS = Math.floor(Date.now() / 1000)): Promise<string> {
  return encode({ token: { ...token, la: nowS }, secret, maxAge: SESSION_MAX_AGE_S });
}
