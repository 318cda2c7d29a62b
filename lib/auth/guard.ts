// The one place that decides who the current staff member is and what they may do.
// Pages call requireUser() for the experience; every server action and route handler checks again here.
import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import type { Role, User } from '@/db/schema';
import { findUserById } from '@/lib/staff/data';
import { getConfig } from '@/lib/config';
import { getAuthOptions } from './options';
import { hasRole } from './roles';
import { sessionTimes } from './session-token';

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

export class AuthError extends Error {
  constructor(
    public readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Decides whether a stored user still holds the session they signed in with. Pure, for tests. */
export function activeSessionUser(user: User | undefined, sessionVersion: number | undefined): SessionUser | null {
  if (!user || user.disabled) return null;
  if ((sessionVersion ?? 0) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(getAuthOptions())) as { uid?: number; sv?: number; at?: number; la?: number } | null;
  if (!session?.uid) return null;
  // The proxy refuses idle sessions too; checked again here for callers it does not cover.
  if (sessionTimes(session, Math.floor(Date.now() / 1000), getConfig().sessionIdleMs) !== 'ok') return null;
  return activeSessionUser(findUserById(getDb(), session.uid), session.sv);
}

/** For pages and layouts: sends the visitor to sign in, or to the dashboard when the role falls short. */
export async function requireUser(atLeast: Role = 'viewer'): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  if (!hasRole(user.role, atLeast)) redirect('/dashboard?denied=1');
  return user;
}

/** For server actions and route handlers: throws AuthError instead of redirecting. */
export async function authorize(atLeast: Role): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError(401, 'auth.signedOut');
  if (!hasRole(user.role, atLeast)) throw new AuthError(403, 'auth.forbidden');
  return user;
}

/** Route handler wrapper: answers 401/403 JSON when the caller lacks the role. */
export function withRole<Args extends unknown[]>(
  atLeast: Role,
  handler: (user: SessionUser, ...args: Args) => Promise<Response>,
): (...args: Args) => Promise<Response> {
  return async (...args: Args) => {
    let user: SessionUser;
    try {
      user = await authorize(atLeast);
    } catch (e) {
      if (e instanceof AuthError) return Response.json({ error: e.message }, { status: e.status });
      throw e;
    }
    return handler(user, ...args);
  };
}

/**
 * Page titles that name data (a merchant, a mini-program): Next.js may run generateMetadata before the layout's
 * sign-in redirect, so the data is read only for a signed-in staff member; anyone else gets no title.
 */
export async function signedInTitle(title: () => string | Promise<string>): Promise<{ title?: string }> {
  if (!(await getCurrentUser())) return {};
  return { title: await title() };
}
