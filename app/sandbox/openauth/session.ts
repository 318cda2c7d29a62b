// The merchant's sign-in on the sandbox's "Alipay" pages: a cookie scoped to /sandbox holding the sandbox user id,
// its expiry and an HMAC with the server's auth secret, so nobody can act as another sandbox account by editing it.
import 'server-only';
import crypto from 'node:crypto';
import { cookies } from 'next/headers';
import { getConfig } from '@/lib/config';

const COOKIE = 'sandbox_merchant';
const TTL_MS = 2 * 60 * 60 * 1000;

function mac(payload: string): string {
  return crypto.createHmac('sha256', getConfig().authSecret).update(`sandbox-merchant-session:${payload}`).digest('base64url');
}

/** The signed-in sandbox user id, or null when absent, expired or tampered with. */
export async function readMerchantSession(): Promise<string | null> {
  const value = (await cookies()).get(COOKIE)?.value;
  if (!value) return null;
  const [userId, expires, signature] = value.split('.');
  if (!userId || !expires || !signature) return null;
  const expected = Buffer.from(mac(`${userId}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return Number(expires) > Date.now() ? userId : null;
}

export async function startMerchantSession(userId: string): Promise<void> {
  const expires = Date.now() + TTL_MS;
  const payload = `${userId}.${expires}`;
  (await cookies()).set(COOKIE, `${payload}.${mac(payload)}`, {
    path: '/sandbox',
    httpOnly: true,
    sameSite: 'lax',
    secure: getConfig().appUrl.startsWith('https:'),
    maxAge: TTL_MS / 1000,
  });
}

export async function endMerchantSession(): Promise<void> {
  (await cookies()).set(COOKIE, '', { path: '/sandbox', httpOnly: true, sameSite: 'lax', maxAge: 0 });
}
