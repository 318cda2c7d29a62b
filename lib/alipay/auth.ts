// Merchant authorization (app-to-app): the link the merchant opens, and the token calls (contract §3).
import 'server-only';
import { z } from 'zod';
import { getAlipayClient, type AlipayClient } from './client';
import { list, openEnum, optionalInteger, optionalText, text } from './common';
import type { AlipaySettings } from './settings';

/** The batch authorization link, the form that works for mini-programs. */
export function buildAuthorizationUrl(
  settings: Pick<AlipaySettings, 'appId' | 'openAuthUrl'>,
  input: { redirectUri: string; state: string },
): string {
  const url = new URL(`${settings.openAuthUrl.replace(/\/$/, '')}/oauth2/appToAppBatchAuth.htm`);
  url.searchParams.set('app_id', settings.appId);
  url.searchParams.set('application_type', 'TINYAPP');
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('state', input.state);
  return url.toString();
}

const tokenSchema = z.object({
  userId: optionalText,
  authAppId: text,
  appAuthToken: text,
  appRefreshToken: text,
  expiresIn: optionalInteger,
  reExpiresIn: optionalInteger,
});
export type AppAuthToken = z.output<typeof tokenSchema>;

const tokenResponseSchema = z
  .object({
    userId: optionalText,
    authAppId: optionalText,
    appAuthToken: optionalText,
    appRefreshToken: optionalText,
    expiresIn: optionalInteger,
    reExpiresIn: optionalInteger,
    tokens: list(tokenSchema),
  })
  .transform((r) => {
    // Batch authorization answers in tokens[]; a single-app answer may carry only the top-level fields.
    if (r.tokens.length > 0) return { tokens: r.tokens };
    const single = tokenSchema.safeParse(r);
    return { tokens: single.success ? [single.data] : [] };
  })
  .refine((r) => r.tokens.length > 0, 'the response carries no app_auth_token');

export interface AppAuthTokens {
  /** One per authorized mini-program. */
  tokens: AppAuthToken[];
}

const TOKEN_METHOD = 'alipay.open.auth.token.app';

/** Exchanges the `app_auth_code` from the authorization redirect (single use). */
export function exchangeAuthCode(input: { code: string }, client: AlipayClient = getAlipayClient()): Promise<AppAuthTokens> {
  return client.call(TOKEN_METHOD, tokenResponseSchema, { bizContent: { grant_type: 'authorization_code', code: input.code } });
}

/** Issues a new token pair and retires the old one. */
export function refreshAppAuthToken(input: { refreshToken: string }, client: AlipayClient = getAlipayClient()): Promise<AppAuthTokens> {
  return client.call(TOKEN_METHOD, tokenResponseSchema, { bizContent: { grant_type: 'refresh_token', refresh_token: input.refreshToken } });
}

const tokenQuerySchema = z.object({
  userId: optionalText,
  authAppId: text,
  expiresIn: optionalInteger,
  authMethods: list(text),
  authStart: optionalText,
  authEnd: optionalText,
  status: openEnum(['valid', 'invalid']),
});
export type AppAuthTokenInfo = z.output<typeof tokenQuerySchema>;

/** The ISV's own call: the token travels in biz_content, not as app_auth_token. */
export function queryAppAuthToken(input: { appAuthToken: string }, client: AlipayClient = getAlipayClient()): Promise<AppAuthTokenInfo> {
  return client.call('alipay.open.auth.token.app.query', tokenQuerySchema, { bizContent: { app_auth_token: input.appAuthToken } });
}

/**
 * Sub-codes after which the platform will never accept the token or refresh token again: re-authorization needed
 * (§3 groups REFRESH_TOKEN_NOT_EXIST, _NOT_VALID and _TIME_OUT alike; the others name a token that is gone).
 */
export const DEAD_TOKEN_SUB_CODES: ReadonlySet<string> = new Set([
  'REFRESH_TOKEN_NOT_EXIST',
  'REFRESH_TOKEN_NOT_VALID',
  'REFRESH_TOKEN_TIME_OUT',
  'AUTH_TOKEN_NOT_EXISTED',
  'AUTH_TOKEN_NOT_FOUND',
  'aop.invalid-app-auth-token',
  'aop.app-auth-token-time-out',
]);
