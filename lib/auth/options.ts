import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/db';
import { getConfig } from '@/lib/config';
import { recordOperation } from '@/lib/operation-log';
import { signInSchema } from '@/lib/validation/auth';
import { checkCredentials, signInErrorCode } from './sign-in';

declare module 'next-auth' {
  interface User {
    sessionVersion?: number;
  }
}
declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    sv?: number;
  }
}

export function getAuthOptions(): NextAuthOptions {
  const config = getConfig();
  // next-auth v4 reads its own URL from the environment.
  process.env.NEXTAUTH_URL ??= config.appUrl;
  return {
    secret: config.authSecret,
    session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'credentials',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new Error('invalid');
          const db = getDb();
          const result = await checkCredentials(db, parsed.data.email, parsed.data.password);
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
          token.uid = Number(user.id);
          token.sv = user.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        // Only the id travels; role and status are re-read from the database on every request (lib/auth/guard).
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
  };
}
