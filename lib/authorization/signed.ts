// Small HMAC-signed values carried through the merchant's browser and Alipay: the OAuth `state` (which link an
// answer belongs to) and the result shown after the callback. The payload is readable but cannot be altered.
import crypto from 'node:crypto';
import { deriveKey } from '@/lib/crypto/token-cipher';

export type VerifyFailure = 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose';

interface Envelope<T> {
  /** Purpose, so a result token is never accepted as a state and vice versa. */
  p: string;
  /** Expiry, ms since epoch. */
  e: number;
  /** Random nonce: two values signed in the same millisecond still differ. */
  n: string;
  d: T;
}

function mac(key: Buffer, body: string): string {
  return crypto.createHmac('sha256', key).update(body, 'utf8').digest('base64url');
}

export function signValue<T>(masterKey: Buffer, purpose: string, data: T, expiresAt: number): string {
  const key = deriveKey(masterKey, 'authorization-state');
  const envelope: Envelope<T> = { p: purpose, e: expiresAt, n: crypto.randomBytes(9).toString('base64url'), d: data };
  const body = Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64url');
  return `${body}.${mac(key, body)}`;
}

export function verifyValue<T>(
  masterKey: Buffer,
  purpose: string,
  value: string,
  now: number,
): { ok: true; data: T; nonce: string; expiresAt: number } | { ok: false; reason: VerifyFailure } {
  if (typeof value !== 'string' || value.length > 8192) return { ok: false, reason: 'malformed' };
  const parts = value.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [body, signature] = parts;
  const key = deriveKey(masterKey, 'authorization-state');
  const expected = Buffer.from(mac(key, body), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let envelope: Envelope<T>;
  try {
    envelope = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Envelope<T>;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (envelope.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (typeof envelope.e !== 'number' || envelope.e <= now) return { ok: false, reason: 'expired' };
  if (typeof envelope.n !== 'string' || !envelope.n) return { ok: false, reason: 'malformed' };
  return { ok: true, data: envelope.d, nonce: envelope.n, expiresAt: envelope.e };
}
