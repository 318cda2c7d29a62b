// The merchant's answer from Alipay (redirect_uri): verify the state, exchange app_auth_code for tokens, and record
// every authorized mini-program in one transaction. Every failure ends in an outcome for a clear page, never a
// partial write: nothing is written until the code is exchanged and every mini-program is known to be free.
import type { Db } from '@/db';
import type { Merchant } from '@/db/schema';
import type { AppAuthToken, AppAuthTokens } from '@/lib/alipay/auth';
import { AlipayError, AlipayTransportError } from '@/lib/alipay/errors';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import { findLink, findMerchantAppByAuthAppId, insertMerchantApp, markLinkUsed, updateMerchantApp } from '@/lib/authorization/data';
import { findMerchant, recomputeAuthStatus } from '@/lib/merchants/data';
import { postMessage } from '@/lib/messages/post';
import { appText } from '@/lib/messages/text';
import { resolveLink } from './links';
import { consumeState, verifyState } from './state';
import { sealIssuedToken } from './tokens';

export type CallbackOutcome =
  | { kind: 'authorized'; merchantId: number; linkId: number; apps: { authAppId: string; appName: string | null }[] }
  | { kind: 'refused'; merchantId: number; linkId: number }
  | { kind: 'forged' }
  | { kind: 'state-expired' }
  | { kind: 'state-used' }
  | { kind: 'link-expired' | 'link-revoked' | 'merchant-archived'; merchantId: number; linkId: number }
  | { kind: 'code-invalid'; merchantId: number; linkId: number }
  | { kind: 'conflict'; merchantId: number; linkId: number; apps: { authAppId: string; appName: string | null }[] }
  | { kind: 'platform-error'; merchantId: number; linkId: number; message: string; subCode?: string };

export interface CallbackParams {
  app_id?: string | null;
  app_auth_code?: string | null;
  state?: string | null;
  error?: string | null;
}

export interface CallbackDeps {
  db: Db;
  /** TOKEN_ENCRYPTION_KEY: signs and verifies the state. */
  masterKey: Buffer;
  cipher: TokenCipher;
  /** The ISV app id: an answer naming another app is not ours. */
  isvAppId: string;
  exchange: (code: string) => Promise<AppAuthTokens>;
  /** Best effort: the mini-program's name, for the pages and the inbox message. */
  describeApp?: (token: AppAuthToken) => Promise<string | null>;
  now?: Date;
}

const DESCRIBE_TIMEOUT_MS = 3000;

async function describeAll(tokens: AppAuthToken[], describe: CallbackDeps['describeApp']): Promise<Map<string, string | null>> {
  const names = new Map<string, string | null>();
  if (!describe) return names;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), DESCRIBE_TIMEOUT_MS).unref?.());
  const settled = await Promise.all(tokens.map((t) => Promise.race([describe(t).catch(() => null), timeout])));
  tokens.forEach((t, i) => names.set(t.authAppId, settled[i]));
  return names;
}

const appLabel = appText;

export async function handleAuthorizationCallback(params: CallbackParams, deps: CallbackDeps): Promise<CallbackOutcome> {
  const { db } = deps;
  const now = deps.now ?? new Date();
  const state = verifyState(deps.masterKey, params.state, now.getTime());
  if (!state.ok) return state.reason === 'expired' ? { kind: 'state-expired' } : { kind: 'forged' };
  if (params.app_id && params.app_id !== deps.isvAppId) return { kind: 'forged' };

  const link = findLink(db, state.linkId);
  if (!link) return { kind: 'forged' };
  // Used before anything is exchanged: a second use of the same state, even at the same moment, ends here.
  if (!consumeState(db, state, now)) return { kind: 'state-used' };
  const ids = { merchantId: link.merchantId, linkId: link.id };
  if (!params.app_auth_code) return { kind: 'refused', ...ids };

  const resolved = resolveLink(db, link, now);
  if (resolved.status === 'unknown') return { kind: 'forged' };
  if (resolved.status === 'expired') return { kind: 'link-expired', ...ids };
  if (resolved.status === 'revoked') return { kind: 'link-revoked', ...ids };
  if (resolved.status === 'archived') return { kind: 'merchant-archived', ...ids };

  let issued: AppAuthTokens;
  try {
    issued = await deps.exchange(params.app_auth_code);
  } catch (e) {
    if (e instanceof AlipayError && e.subCode === 'isv.code-invalid') return { kind: 'code-invalid', ...ids };
    if (e instanceof AlipayError) return { kind: 'platform-error', ...ids, message: e.userMessage, subCode: e.subCode };
    if (e instanceof AlipayTransportError) return { kind: 'platform-error', ...ids, message: e.userMessage };
    throw e;
  }
  const tokens = dedupe(issued.tokens);
  const names = await describeAll(tokens, deps.describeApp);
  const apps = tokens.map((t) => ({ authAppId: t.authAppId, appName: names.get(t.authAppId) ?? null }));

  return db.transaction(
    () => {
      // Re-read inside the write transaction: another answer may have claimed a mini-program meanwhile.
      const merchant = findMerchant(db, link.merchantId)!;
      const taken = tokens
        .map((t) => ({ token: t, existing: findMerchantAppByAuthAppId(db, t.authAppId) }))
        .filter((x) => x.existing && x.existing.merchantId !== merchant.id && x.existing.status === 'authorized');
      if (taken.length) {
        // The platform has already retired the owning merchant's old token; keep that record working with the new
        // one, but do not move the mini-program (and write nothing for this merchant).
        for (const { token, existing } of taken) {
          updateMerchantApp(db, existing!.id, { ...sealIssuedToken(deps.cipher, token, now), userId: token.userId ?? existing!.userId, updatedAt: now });
        }
        const conflicting = apps.filter((a) => taken.some((x) => x.token.authAppId === a.authAppId));
        postConflict(db, merchant, taken.map((x) => x.existing!.merchantId), conflicting);
        return { kind: 'conflict', ...ids, apps: conflicting } as const;
      }

      const previousOwners = new Set<number>();
      for (const token of tokens) {
        const sealed = sealIssuedToken(deps.cipher, token, now);
        const existing = findMerchantAppByAuthAppId(db, token.authAppId);
        const fields = {
          merchantId: merchant.id,
          userId: token.userId ?? existing?.userId ?? null,
          appName: names.get(token.authAppId) ?? existing?.appName ?? null,
          status: 'authorized' as const,
          ...sealed,
          authorizedAt: now,
          endedAt: null,
          endedReason: null,
          lastCheckedAt: null,
          lastCheckResult: null,
          lastCheckError: null,
          lastRefreshError: null,
          linkId: link.id,
          updatedAt: now,
        };
        if (existing) {
          if (existing.merchantId !== merchant.id) previousOwners.add(existing.merchantId);
          updateMerchantApp(db, existing.id, fields);
        } else {
          insertMerchantApp(db, { ...fields, authAppId: token.authAppId, createdAt: now });
        }
      }
      markLinkUsed(db, link.id, now);
      recomputeAuthStatus(db, merchant.id);
      for (const id of previousOwners) recomputeAuthStatus(db, id);
      postMessage(db, {
        type: 'authorization.granted',
        notice: { name: 'authorizationGranted', params: { merchant: merchant.name, count: apps.length, apps: apps.map(appLabel).join(', ') } },
        merchantId: merchant.id,
        miniAppId: apps.length === 1 ? apps[0].authAppId : null,
        link: `/merchants/${merchant.id}/authorization`,
      });
      return { kind: 'authorized', ...ids, apps } as const;
    },
    { behavior: 'immediate' },
  );
}

function dedupe(tokens: AppAuthToken[]): AppAuthToken[] {
  const seen = new Map<string, AppAuthToken>();
  for (const t of tokens) seen.set(t.authAppId, t);
  return [...seen.values()];
}

function postConflict(db: Db, merchant: Merchant, ownerIds: number[], apps: { authAppId: string; appName: string | null }[]): void {
  const owners = [...new Set(ownerIds)].map((id) => findMerchant(db, id)?.name ?? `#${id}`);
  postMessage(db, {
    type: 'authorization.conflict',
    notice: { name: 'authorizationConflict', params: { merchant: merchant.name, apps: apps.map(appLabel).join(', '), owners: owners.join(', ') } },
    merchantId: merchant.id,
    miniAppId: apps.length === 1 ? apps[0].authAppId : null,
    link: `/merchants/${merchant.id}/authorization`,
  });
}
