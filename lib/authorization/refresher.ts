// Keeps merchants' tokens alive: refreshes a token pair before its refresh token runs out, and asks the platform
// (token.app.query) whether each token is still valid, marking the ones it reports invalid. Runs on an interval
// (lib/authorization/jobs.ts) and on demand from the Authorization tab.
import type { Db } from '@/db';
import type { MerchantApp } from '@/db/schema';
import { DEAD_TOKEN_SUB_CODES, queryAppAuthToken, refreshAppAuthToken } from '@/lib/alipay/auth';
import type { AlipayClient } from '@/lib/alipay/client';
import { AlipayError, alipayTextParam, alipayUserMessage } from '@/lib/alipay/errors';
import { TokenCipherError, type TokenCipher } from '@/lib/crypto/token-cipher';
import { appsDueForCheck, appsDueForRefresh, findMerchantApp, listMerchantApps, updateAuthorizedApp, updateMerchantApp } from '@/lib/authorization/data';
import { findMerchant, recomputeAuthStatus } from '@/lib/merchants/data';
import { translatorFor } from '@/lib/i18n/catalog';
import { postMessage } from '@/lib/messages/post';
import { hasMessageSince } from '@/lib/messages/data';
import { appText, dateParam, keyParam, renderText, type LocalizedText } from '@/lib/messages/text';
import { openToken, sealIssuedToken } from './tokens';

const DAY_MS = 24 * 60 * 60_000;

/** Refresh this long before the refresh token (or the token itself) would run out. */
export const REFRESH_MARGIN_MS = 30 * DAY_MS;
/** Ask the platform about each token at least this often. */
export const CHECK_INTERVAL_MS = DAY_MS;
/** Per run, so that a large console does not burst the platform's rate limit. */
export const BATCH = 50;

/** Sub-codes that mean the platform will never accept this token (or refresh token) again. */
const DEAD_TOKEN_CODES = DEAD_TOKEN_SUB_CODES;

export interface RefreshDeps {
  client?: AlipayClient;
  cipher: TokenCipher;
  batch?: number;
}

export interface RefreshSummary {
  refreshed: number;
  refreshFailed: number;
  checked: number;
  invalid: number;
  checkFailed: number;
}

export type TokenHealth = 'healthy' | 'refreshDue' | 'checkFailed' | 'unchecked' | 'invalid' | 'cancelled';

/** How the Authorization tab describes a token. */
export function tokenHealth(app: Pick<MerchantApp, 'status' | 'refreshExpiresAt' | 'tokenExpiresAt' | 'lastCheckResult' | 'lastRefreshError'>, now: Date): TokenHealth {
  if (app.status === 'cancelled') return 'cancelled';
  if (app.status === 'invalid') return 'invalid';
  if (app.lastCheckResult === 'error' || app.lastRefreshError) return 'checkFailed';
  const horizon = now.getTime() + REFRESH_MARGIN_MS;
  const ends = Math.min(app.refreshExpiresAt?.getTime() ?? Infinity, app.tokenExpiresAt?.getTime() ?? Infinity);
  if (ends <= horizon) return 'refreshDue';
  if (!app.lastCheckResult) return 'unchecked';
  return 'healthy';
}

function markInvalid(db: Db, app: MerchantApp, reason: LocalizedText, now: Date): void {
  // The record keeps the Chinese text (as before); the inbox notice renders in each reader's language.
  const endedReason = renderText(translatorFor('zh-CN'), reason);
  db.transaction(
    () => {
      const current = findMerchantApp(db, app.id);
      if (!current || current.status !== 'authorized') return;
      updateMerchantApp(db, app.id, { status: 'invalid', endedAt: now, endedReason, lastCheckedAt: now, lastCheckResult: 'invalid', updatedAt: now });
      recomputeAuthStatus(db, app.merchantId);
      const merchant = findMerchant(db, app.merchantId);
      postMessage(db, {
        type: 'authorization.invalid',
        notice: { name: 'authorizationInvalid', params: { merchant: merchant?.name ?? String(app.merchantId), app: appText(app), reason: keyParam(reason.key, reason.params) } },
        merchantId: app.merchantId,
        miniAppId: app.authAppId,
        link: `/merchants/${app.merchantId}/authorization`,
      });
    },
    { behavior: 'immediate' },
  );
}

/** How long before a token expires a failed refresh becomes a notice in the inbox (once per token). */
export const EXPIRY_NOTICE_MS = 3 * 24 * 3600_000;

function warnIfExpiring(db: Db, app: MerchantApp, reason: string, now: Date): void {
  const ends = [app.tokenExpiresAt, app.refreshExpiresAt].filter((d): d is Date => !!d).map((d) => d.getTime());
  if (!ends.length) return;
  const expiresAt = new Date(Math.min(...ends));
  if (expiresAt.getTime() - now.getTime() > EXPIRY_NOTICE_MS) return;
  const issuedAt = app.lastRefreshedAt ?? app.authorizedAt ?? app.createdAt;
  if (hasMessageSince(db, 'authorization.expiring', app.authAppId, issuedAt)) return;
  const merchant = findMerchant(db, app.merchantId);
  postMessage(db, {
    type: 'authorization.expiring',
    notice: { name: 'tokenExpiring', params: { merchant: merchant?.name ?? String(app.merchantId), app: appText(app), expiresAt: dateParam(expiresAt), reason } },
    merchantId: app.merchantId,
    miniAppId: app.authAppId,
    link: `/merchants/${app.merchantId}/authorization`,
  });
}

/** Refreshes one mini-program's token pair now. The old pair stops working at the platform as soon as this succeeds. */
export async function refreshApp(db: Db, app: MerchantApp, deps: RefreshDeps, now: Date): Promise<'refreshed' | 'failed' | 'invalid'> {
  let refreshToken: string;
  try {
    refreshToken = openToken(deps.cipher, app, 'app_refresh_token');
  } catch (e) {
    if (!(e instanceof TokenCipherError)) throw e;
    markInvalid(db, app, { key: 'inbox.invalidReasons.undecryptable' }, now);
    return 'invalid';
  }
  try {
    const { tokens } = await refreshAppAuthToken({ refreshToken }, deps.client);
    const token = tokens.find((t) => t.authAppId === app.authAppId) ?? tokens[0];
    updateAuthorizedApp(db, app.id, { ...sealIssuedToken(deps.cipher, { ...token, authAppId: app.authAppId }, now), lastRefreshedAt: now, lastRefreshError: null, updatedAt: now });
    return 'refreshed';
  } catch (e) {
    if (e instanceof AlipayError && e.subCode && DEAD_TOKEN_CODES.has(e.subCode)) {
      markInvalid(db, app, { key: 'inbox.invalidReasons.refreshFailed', params: { message: alipayTextParam(e) } }, now);
      return 'invalid';
    }
    updateMerchantApp(db, app.id, { lastRefreshError: alipayUserMessage(e).slice(0, 500), updatedAt: now });
    warnIfExpiring(db, app, alipayUserMessage(e), now);
    return 'failed';
  }
}

/** Asks the platform about one token; an invalid answer ends the authorization, a valid one may restore an invalid mark. */
export async function checkApp(db: Db, app: MerchantApp, deps: RefreshDeps, now: Date): Promise<'valid' | 'invalid' | 'error'> {
  let token: string;
  try {
    token = openToken(deps.cipher, app, 'app_auth_token');
  } catch (e) {
    if (!(e instanceof TokenCipherError)) throw e;
    markInvalid(db, app, { key: 'inbox.invalidReasons.undecryptable' }, now);
    return 'invalid';
  }
  try {
    const info = await queryAppAuthToken({ appAuthToken: token }, deps.client);
    if (info.status === 'invalid') {
      markInvalid(db, app, { key: 'inbox.invalidReasons.tokenRejected' }, now);
      return 'invalid';
    }
    const restore = app.status === 'invalid';
    updateMerchantApp(db, app.id, {
      lastCheckedAt: now,
      lastCheckResult: 'valid',
      lastCheckError: null,
      ...(restore ? { status: 'authorized' as const, endedAt: null, endedReason: null } : {}),
      updatedAt: now,
    });
    if (restore) recomputeAuthStatus(db, app.merchantId);
    return 'valid';
  } catch (e) {
    if (e instanceof AlipayError && e.subCode && DEAD_TOKEN_CODES.has(e.subCode)) {
      markInvalid(db, app, { key: 'inbox.invalidReasons.notAccepted', params: { message: alipayTextParam(e) } }, now);
      return 'invalid';
    }
    updateMerchantApp(db, app.id, { lastCheckedAt: now, lastCheckResult: 'error', lastCheckError: alipayUserMessage(e).slice(0, 500), updatedAt: now });
    return 'error';
  }
}

/**
 * One pass of the background job: refresh every token pair due within the margin, then check the tokens not
 * checked for a day. Calls are made one at a time; a transient failure is kept on the row and retried next pass.
 */
export async function refreshDueTokens(db: Db, now: Date, deps: RefreshDeps): Promise<RefreshSummary> {
  const batch = deps.batch ?? BATCH;
  const summary: RefreshSummary = { refreshed: 0, refreshFailed: 0, checked: 0, invalid: 0, checkFailed: 0 };
  const due = appsDueForRefresh(db, new Date(now.getTime() + REFRESH_MARGIN_MS), batch);
  for (const app of due) {
    const r = await refreshApp(db, app, deps, now);
    if (r === 'refreshed') summary.refreshed++;
    else if (r === 'invalid') summary.invalid++;
    else summary.refreshFailed++;
  }
  const refreshedIds = new Set(due.map((a) => a.id));
  for (const stale of appsDueForCheck(db, new Date(now.getTime() - CHECK_INTERVAL_MS), batch)) {
    if (refreshedIds.has(stale.id)) continue;
    const r = await checkApp(db, stale, deps, now);
    summary.checked++;
    if (r === 'invalid') summary.invalid++;
    if (r === 'error') summary.checkFailed++;
  }
  return summary;
}

/** "Check now" on the Authorization tab: every authorized or invalid mini-program of the merchant. */
export async function checkMerchantTokens(db: Db, merchantId: number, deps: RefreshDeps, now: Date = new Date()): Promise<Record<string, 'valid' | 'invalid' | 'error'>> {
  const apps = listMerchantApps(db, merchantId).filter((a) => a.status === 'authorized' || a.status === 'invalid');
  const out: Record<string, 'valid' | 'invalid' | 'error'> = {};
  for (const app of apps) {
    if (app.status === 'invalid' && !app.appAuthTokenEnc) continue;
    out[app.authAppId] = await checkApp(db, app, deps, now);
  }
  return out;
}
