import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { getConfig } from '@/lib/config';
import { recordOperation } from '@/lib/operation-log/log';
import { signInSchema } from '@/lib/validation/auth';
import { bumpSessionVersion, findUserById } from '@/lib/staff/data';
import { clientAddress } from '@/lib/http/client-address';
import { SESSION_MAX_AGE_S } from './session-token';
import { checkCredentials, signInErrorCode } from './sign-in';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
}

function findSessionVersion(uid: number): number | undefined {
  return findUserById(getDb(), uid)?.sessionVersion;
}

export function getAuthOptions(): NextAuthOptions {
  const config = getConfig();
  // next-auth v4 reads its own URL from the environment.
  process.env.NEXTAUTH_URL ??= config.appUrl;
  return {
    secret: config.authSecret,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    // Cookies are Secure whenever the console is served over https (required in production, lib/config.ts).
    useSecureCookies: config.appUrl.startsWith('https://'),
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error('invalid');
          const db = getDb();
          const address = clientAddress(req?.headers ?? {});
          const result = await checkCredentials(db, parsed.data.email, parsed.data.password, { address, addressLimit: config.signInAddressLimit });
          if (!result.ok) {
            recordOperation(db, {
              actor: { id: null, email: parsed.data.email },
              action: 'auth.signIn',
              result: 'refused',
              detail: result.reason,
            });
            throw new Error(signInErrorCode(result));
          }
          recordOperation(db, { actor: result.user, action: 'auth.signIn', result: 'ok' });
          return {
            id: String(result.user.id),
            email: result.user.email,
            name: result.user.name,
            sessionVersion: result.user.sessionVersion,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          const now = Math.floor(Date.now() / 1000);
          token.uid = Number(user.id);
          token.sv = user.sessionVersion ?? 0;
          token.at = now;
          token.la = now;
        }
        return token;
      },
      async session({ session, token }) {
        // Only the id travels; role and status are re-read from the database on every request (lib/auth/guard).
        return { ...session, uid: token.uid, sv: token.sv, at: token.at, la: token.la };
      },
    },
    events: {
      // A JWT cannot be recalled: moving the version on ends this session (and the person's others) for good.
      async signOut({ token }) {
        if (typeof token?.uid === 'number' && token.sv === findSessionVersion(token.uid)) {
          bumpSessionVersion(getDb(), token.uid);
          recordOperation(getDb(), { actor: { id: token.uid, email: token.email ?? String(token.uid) }, action: 'auth.signOut', result: 'ok' });
        }
      },
    },
  };
}
