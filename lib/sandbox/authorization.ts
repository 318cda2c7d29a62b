// App-to-app authorization (contract §3): the merchant's confirmation, codes, tokens, refresh and cancellation.
import { and, eq, inArray, or } from 'drizzle-orm';
import { inWriteTransaction, type SandboxContext } from './context';
import { accounts, authCodes, authorizations, miniApps, type Authorization } from './db/schema';
import { businessError, invalidArgument, tokenError } from './errors';
import { newAuthCode, newToken, uniqueId } from './ids';
import { enqueueMessage, enqueueNotify } from './outbox';

export const AUTH_CODE_TTL_MS = 10 * 60_000;
/** Reported lifetime; the sandbox treats the token as valid until re-authorized or cancelled. */
export const TOKEN_EXPIRES_IN_S = 31_536_000;
export const REFRESH_EXPIRES_IN_S = 32_140_800;

/** A refusal shown to the person on the authorization page (not a gateway error). */
export class AuthorizationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthorizationError';
  }
}

function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') url.searchParams.set(k, v);
  return url.toString();
}

function checkRedirectUri(redirectUri: string): void {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new AuthorizationError('redirect_uri 不是合法的地址');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AuthorizationError('redirect_uri 必须是 http 或 https 地址');
}

function tokenTaken(ctx: SandboxContext) {
  return (t: string) =>
    !!ctx.db
      .select({ id: authorizations.id })
      .from(authorizations)
      .where(or(eq(authorizations.appAuthToken, t), eq(authorizations.appRefreshToken, t)))
      .get();
}

function issue(ctx: SandboxContext, input: { authAppId: string; userId: string; authCode: string | null; authStart: number }): Authorization {
  const now = ctx.now();
  const taken = tokenTaken(ctx);
  return ctx.db
    .insert(authorizations)
    .values({
      isvAppId: ctx.identity.appId,
      authAppId: input.authAppId,
      userId: input.userId,
      appAuthToken: uniqueId(() => newToken(now), taken),
      appRefreshToken: uniqueId(() => newToken(now), taken),
      authCode: input.authCode,
      status: 'valid',
      authStart: input.authStart,
      expiresAt: now + TOKEN_EXPIRES_IN_S * 1000,
      reExpiresAt: now + REFRESH_EXPIRES_IN_S * 1000,
      createdAt: now,
    })
    .returning()
    .get();
}

/** Ends every live authorization of the mini-program: it can be authorized to one ISV app at a time. */
function endLive(ctx: SandboxContext, authAppId: string, status: 'replaced' | 'cancelled'): Authorization[] {
  const live = ctx.db
    .select()
    .from(authorizations)
    .where(and(eq(authorizations.authAppId, authAppId), eq(authorizations.status, 'valid')))
    .all();
  for (const a of live) ctx.db.update(authorizations).set({ status, endedAt: ctx.now() }).where(eq(authorizations.id, a.id)).run();
  return live;
}

export function tokenFields(a: Authorization, now: number) {
  return {
    user_id: a.userId,
    auth_app_id: a.authAppId,
    app_auth_token: a.appAuthToken,
    app_refresh_token: a.appRefreshToken,
    expires_in: Math.max(0, Math.round((a.expiresAt - now) / 1000)),
    re_expires_in: Math.max(0, Math.round((a.reExpiresAt - now) / 1000)),
  };
}

/** What the authorization page's "confirm" does: a code for the redirect, tokens, and open_app_auth_notify. */
export function authorize(ctx: SandboxContext, input: { userId: string; appIds: string[]; redirectUri: string; state?: string }): { appAuthCode: string; redirectTo: string } {
  checkRedirectUri(input.redirectUri);
  const appIds = [...new Set(input.appIds)];
  if (!appIds.length) throw new AuthorizationError('请至少选择一个小程序');
  return inWriteTransaction(ctx, () => {
    const account = ctx.db.select().from(accounts).where(eq(accounts.userId, input.userId)).get();
    if (!account) throw new AuthorizationError('支付宝账号不存在');
    const apps = ctx.db.select().from(miniApps).where(inArray(miniApps.appId, appIds)).all();
    for (const id of appIds) {
      const app = apps.find((a) => a.appId === id);
      if (!app || app.ownerUserId !== input.userId) throw new AuthorizationError(`小程序 ${id} 不属于该账号`);
    }
    const now = ctx.now();
    const code = uniqueId(newAuthCode, (c) => !!ctx.db.select().from(authCodes).where(eq(authCodes.code, c)).get());
    ctx.db
      .insert(authCodes)
      .values({
        code,
        isvAppId: ctx.identity.appId,
        userId: input.userId,
        appIds: JSON.stringify(appIds),
        redirectUri: input.redirectUri,
        state: input.state ?? null,
        expiresAt: now + AUTH_CODE_TTL_MS,
        createdAt: now,
      })
      .run();
    for (const appId of appIds) {
      endLive(ctx, appId, 'replaced');
      const a = issue(ctx, { authAppId: appId, userId: input.userId, authCode: code, authStart: now });
      enqueueNotify(
        ctx,
        'open_app_auth_notify',
        appId,
        { status: 'execute_auth' },
        { detail: { ...tokenFields(a, now), app_id: ctx.identity.appId, auth_time: now, app_auth_code: code } },
      );
    }
    return {
      appAuthCode: code,
      redirectTo: redirectWith(input.redirectUri, { app_id: ctx.identity.appId, app_auth_code: code, state: input.state }),
    };
  });
}

/** The merchant refused: no code, `error=access_denied` (sandbox rule). */
export function refuse(ctx: SandboxContext, input: { redirectUri: string; state?: string }): { redirectTo: string } {
  checkRedirectUri(input.redirectUri);
  return { redirectTo: redirectWith(input.redirectUri, { app_id: ctx.identity.appId, error: 'access_denied', state: input.state }) };
}

/** The merchant cancels in their Alipay: the token dies and the ISV gets alipay.open.auth.appauth.cancelled. */
export function cancelAuthorization(ctx: SandboxContext, appId: string): boolean {
  return inWriteTransaction(ctx, () => {
    const ended = endLive(ctx, appId, 'cancelled');
    for (const a of ended) {
      enqueueMessage(ctx, 'alipay.open.auth.appauth.cancelled', appId, {
        auth_app_id: a.authAppId,
        app_auth_token: a.appAuthToken,
        user_id: a.userId,
        auth_time: ctx.now(),
      });
    }
    return ended.length > 0;
  });
}

/** alipay.open.auth.token.app with grant_type=authorization_code. */
export function exchangeCode(ctx: SandboxContext, isvAppId: string, code: string): Authorization[] {
  const now = ctx.now();
  const row = ctx.db.select().from(authCodes).where(eq(authCodes.code, code)).get();
  if (!row || row.usedAt || row.expiresAt < now) throw invalidArgument('isv.code-invalid', '授权码 code 无效（不存在、已使用或已过期）');
  if (row.isvAppId !== isvAppId) throw businessError('APP_ID_NOT_CONSISTENT', '授权码不属于当前应用');
  ctx.db.update(authCodes).set({ usedAt: now }).where(eq(authCodes.code, code)).run();
  const issued = ctx.db.select().from(authorizations).where(eq(authorizations.authCode, code)).all();
  const order = JSON.parse(row.appIds) as string[];
  return issued.sort((a, b) => order.indexOf(a.authAppId) - order.indexOf(b.authAppId));
}

/** alipay.open.auth.token.app with grant_type=refresh_token: a new pair, the old one retired. */
export function refreshToken(ctx: SandboxContext, isvAppId: string, refresh: string): Authorization {
  const now = ctx.now();
  const old = ctx.db.select().from(authorizations).where(eq(authorizations.appRefreshToken, refresh)).get();
  if (!old || old.status !== 'valid') throw businessError('REFRESH_TOKEN_NOT_VALID', 'refresh_token 无效');
  if (old.isvAppId !== isvAppId) throw businessError('APP_ID_NOT_CONSISTENT', 'refresh_token 不属于当前应用');
  if (old.reExpiresAt < now) throw businessError('REFRESH_TOKEN_TIME_OUT', 'refresh_token 已过期，请商家重新授权');
  ctx.db.update(authorizations).set({ status: 'refreshed', endedAt: now }).where(eq(authorizations.id, old.id)).run();
  return issue(ctx, { authAppId: old.authAppId, userId: old.userId, authCode: null, authStart: old.authStart });
}

export function findByToken(ctx: SandboxContext, token: string): Authorization | undefined {
  return ctx.db.select().from(authorizations).where(eq(authorizations.appAuthToken, token)).get();
}

/** The merchant a request acts for, or 20001. */
export function resolveMerchantToken(ctx: SandboxContext, isvAppId: string, token: string | undefined): Authorization {
  if (!token) throw tokenError('aop.invalid-app-auth-token', '该接口需要商家授权，请传入 app_auth_token');
  const a = findByToken(ctx, token);
  if (!a || a.isvAppId !== isvAppId) throw tokenError('aop.invalid-app-auth-token', '无效的应用授权令牌 app_auth_token');
  if (a.status !== 'valid') {
    const why = a.status === 'cancelled' ? '商家已取消授权' : '令牌已被新的授权或刷新替换';
    throw tokenError('aop.invalid-app-auth-token', `应用授权令牌已失效：${why}`);
  }
  return a;
}
