// Sealing and opening merchants' tokens, and the gate every operation on a mini-program passes through: a cancelled
// or invalid authorization stops all calls with an explanation instead of a platform error.
import type { Db } from '@/db';
import type { Merchant, MerchantApp } from '@/db/schema';
import { ActionError } from '@/lib/actions/result';
import { getConfig } from '@/lib/config';
import type { AppAuthToken } from '@/lib/alipay/auth';
import { createTokenCipher, TokenCipherError, type TokenCipher } from '@/lib/crypto/token-cipher';
import { findMerchantApp } from '@/lib/authorization/data';
import { findMerchant } from '@/lib/merchants/data';

let cached: { key: Buffer; cipher: TokenCipher } | undefined;

/** The cipher for the configured TOKEN_ENCRYPTION_KEY (generated under DATA_DIR in sandbox mode). */
export function getTokenCipher(): TokenCipher {
  const key = getConfig().tokenEncryptionKey;
  if (!cached || !cached.key.equals(key)) cached = { key, cipher: createTokenCipher(key) };
  return cached.cipher;
}

export const tokenContext = (authAppId: string, field: 'app_auth_token' | 'app_refresh_token') => `merchant_app:${authAppId}:${field}`;

const SECONDS = 1000;

/** The columns that hold one issued token pair, encrypted, with its lifetimes from `now`. */
export function sealIssuedToken(cipher: TokenCipher, token: AppAuthToken, now: Date) {
  return {
    appAuthTokenEnc: cipher.encrypt(token.appAuthToken, tokenContext(token.authAppId, 'app_auth_token')),
    appRefreshTokenEnc: cipher.encrypt(token.appRefreshToken, tokenContext(token.authAppId, 'app_refresh_token')),
    tokenDigest: cipher.digest(token.appAuthToken),
    tokenExpiresAt: token.expiresIn !== undefined ? new Date(now.getTime() + token.expiresIn * SECONDS) : null,
    refreshExpiresAt: token.reExpiresIn !== undefined ? new Date(now.getTime() + token.reExpiresIn * SECONDS) : null,
  };
}

export function openToken(cipher: TokenCipher, app: Pick<MerchantApp, 'authAppId' | 'appAuthTokenEnc' | 'appRefreshTokenEnc'>, field: 'app_auth_token' | 'app_refresh_token'): string {
  const sealed = field === 'app_auth_token' ? app.appAuthTokenEnc : app.appRefreshTokenEnc;
  if (!sealed) throw new TokenCipherError('no token is stored');
  return cipher.decrypt(sealed, tokenContext(app.authAppId, field));
}

export interface OperableApp {
  app: MerchantApp;
  merchant: Merchant;
  appAuthToken: string;
}

/**
 * The mini-program and its token, or an ActionError that explains why nothing can be done on it. Every feature that
 * calls Alipay on a merchant's behalf goes through here.
 */
export function requireOperableApp(db: Db, cipher: TokenCipher, merchantAppId: number): OperableApp {
  const app = findMerchantApp(db, merchantAppId);
  if (!app) throw new ActionError('authorization.appNotFound');
  const merchant = findMerchant(db, app.merchantId)!;
  if (merchant.archivedAt) throw new ActionError('merchants.archivedBlocked');
  if (app.status === 'cancelled') throw new ActionError('authorization.blocked.cancelled');
  if (app.status === 'invalid') throw new ActionError('authorization.blocked.invalid');
  try {
    return { app, merchant, appAuthToken: openToken(cipher, app, 'app_auth_token') };
  } catch (e) {
    if (e instanceof TokenCipherError) throw new ActionError('authorization.blocked.undecryptable');
    throw e;
  }
}

/** Why operations on this mini-program are stopped, as a catalog key, or null when they may proceed. */
export function blockedReason(app: Pick<MerchantApp, 'status'>, merchant: Pick<Merchant, 'archivedAt'>): string | null {
  if (merchant.archivedAt) return 'merchants.archivedBlocked';
  if (app.status === 'cancelled') return 'authorization.blocked.cancelled';
  if (app.status === 'invalid') return 'authorization.blocked.invalid';
  return null;
}
