// What the platform tells us about authorizations (contract §3): open_app_auth_notify carries re-issued tokens, and
// alipay.open.auth.appauth.cancelled ends one. Both update the same merchant_apps rows as the callback does, and are
// idempotent: the notify route dispatches here, and a reconciling pass processes any stored row left unprocessed.
import type { Db } from '@/db';
import type { MerchantApp } from '@/db/schema';
import { listUnprocessedNotifications, markNotificationFailed, markNotificationProcessed } from '@/lib/alipay/data';
import { NOTIFICATION_KINDS, registerNotificationHandler, tokenFingerprint, type VerifiedNotification } from '@/lib/alipay/notify';
import type { TokenCipher } from '@/lib/crypto/token-cipher';
import { findMerchantAppByAuthAppId, updateMerchantApp } from '@/lib/authorization/data';
import { findMerchant, recomputeAuthStatus } from '@/lib/merchants/data';
import { postMessage } from '@/lib/messages/post';
import { appText } from '@/lib/messages/text';
import { getTokenCipher, openToken, sealIssuedToken } from './tokens';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};


/**
 * Ends the authorization of a mini-program. `tokenMatches` says whether the cancelled token is the one we hold;
 * a cancellation of a token already replaced by a newer authorization changes nothing.
 */
export function applyCancellation(db: Db, input: { authAppId: string; tokenMatches: (app: MerchantApp) => boolean; now?: Date }): 'cancelled' | 'ignored' {
  const now = input.now ?? new Date();
  return db.transaction(
    () => {
      const app = findMerchantAppByAuthAppId(db, input.authAppId);
      if (!app || app.status === 'cancelled' || !input.tokenMatches(app)) return 'ignored' as const;
      updateMerchantApp(db, app.id, {
        status: 'cancelled',
        endedAt: now,
        endedReason: 'merchant_cancelled',
        // A cancelled token is useless; keep no secret we no longer need.
        appAuthTokenEnc: null,
        appRefreshTokenEnc: null,
        updatedAt: now,
      });
      recomputeAuthStatus(db, app.merchantId);
      const merchant = findMerchant(db, app.merchantId);
      postMessage(db, {
        type: 'authorization.cancelled',
        notice: { name: 'authorizationCancelled', params: { merchant: merchant?.name ?? String(app.merchantId), app: appText(app) } },
        merchantId: app.merchantId,
        miniAppId: app.authAppId,
        link: `/merchants/${app.merchantId}/authorization`,
      });
      return 'cancelled' as const;
    },
    { behavior: 'immediate' },
  );
}

/** open_app_auth_notify for a mini-program we already know: keep its (re-issued) tokens. Unknown ones wait for the callback. */
export function applyAuthNotify(db: Db, cipher: TokenCipher, detail: Record<string, unknown>, now: Date = new Date()): 'updated' | 'ignored' {
  const authAppId = str(detail.auth_app_id);
  const appAuthToken = str(detail.app_auth_token);
  const appRefreshToken = str(detail.app_refresh_token);
  if (!authAppId || !appAuthToken || !appRefreshToken) return 'ignored';
  return db.transaction(
    () => {
      const app = findMerchantAppByAuthAppId(db, authAppId);
      if (!app || app.tokenDigest === cipher.digest(appAuthToken)) return 'ignored' as const;
      const sealed = sealIssuedToken(
        cipher,
        { authAppId, appAuthToken, appRefreshToken, userId: str(detail.user_id), expiresIn: num(detail.expires_in), reExpiresIn: num(detail.re_expires_in) },
        now,
      );
      const wasEnded = app.status !== 'authorized';
      updateMerchantApp(db, app.id, {
        ...sealed,
        status: 'authorized',
        userId: str(detail.user_id) ?? app.userId,
        ...(wasEnded ? { authorizedAt: now, endedAt: null, endedReason: null, lastCheckedAt: null, lastCheckResult: null, lastCheckError: null } : {}),
        updatedAt: now,
      });
      if (wasEnded) {
        recomputeAuthStatus(db, app.merchantId);
        const merchant = findMerchant(db, app.merchantId);
        postMessage(db, {
          type: 'authorization.granted',
          notice: { name: 'authorizationRegranted', params: { merchant: merchant?.name ?? String(app.merchantId), app: appText(app) } },
          merchantId: app.merchantId,
          miniAppId: app.authAppId,
          link: `/merchants/${app.merchantId}/authorization`,
        });
      }
      return 'updated' as const;
    },
    { behavior: 'immediate' },
  );
}

function bizOf(n: Pick<VerifiedNotification, 'bizContent'>): Record<string, unknown> {
  return n.bizContent ?? {};
}

export function handleAuthorizedNotification(n: VerifiedNotification, { db }: { db: Db }, cipher: TokenCipher = getTokenCipher()): void {
  const detail = bizOf(n).detail;
  if (detail && typeof detail === 'object') applyAuthNotify(db, cipher, detail as Record<string, unknown>);
}

export function handleCancelledNotification(n: VerifiedNotification, { db }: { db: Db }, cipher: TokenCipher = getTokenCipher()): void {
  const biz = bizOf(n);
  const authAppId = str(biz.auth_app_id) ?? n.authAppId ?? undefined;
  if (!authAppId) return;
  const token = str(biz.app_auth_token);
  applyCancellation(db, { authAppId, tokenMatches: (app) => !token || !app.tokenDigest || app.tokenDigest === cipher.digest(token) });
}

export function registerAuthorizationNotificationHandlers(): void {
  registerNotificationHandler(NOTIFICATION_KINDS.authorized, handleAuthorizedNotification);
  registerNotificationHandler(NOTIFICATION_KINDS.authorizationCancelled, handleCancelledNotification);
}

const RECONCILE_WINDOW_MS = 7 * 24 * 60 * 60_000;

/**
 * Processes stored authorization notifications no handler has processed (e.g. delivered before the handlers were
 * registered). Stored payloads hold token fingerprints, not tokens: enough to match a cancellation, not to keep
 * re-issued tokens, which the callback stores anyway.
 */
export function reconcileAuthorizationNotifications(
  db: Db,
  cipher: TokenCipher = getTokenCipher(),
  now: Date = new Date(),
  { includeFailed = false }: { includeFailed?: boolean } = {},
): number {
  const pending = listUnprocessedNotifications(db, {
    kinds: [NOTIFICATION_KINDS.authorizationCancelled, NOTIFICATION_KINDS.authorized],
    since: new Date(now.getTime() - RECONCILE_WINDOW_MS),
    // A row whose processing failed is retried only by the slower job, not on every page view.
    includeFailed,
  });
  let processed = 0;
  for (const row of pending) {
    try {
      if (row.kind === NOTIFICATION_KINDS.authorizationCancelled) {
        const payload = JSON.parse(row.payload) as { biz_content?: Record<string, unknown> };
        const biz = payload.biz_content ?? {};
        const authAppId = str(biz.auth_app_id) ?? row.authAppId ?? undefined;
        const fingerprint = str(biz.app_auth_token);
        if (authAppId) {
          applyCancellation(db, {
            authAppId,
            now,
            tokenMatches: (app) => {
              if (!fingerprint || !app.appAuthTokenEnc) return true;
              try {
                return tokenFingerprint(openToken(cipher, app, 'app_auth_token')) === fingerprint;
              } catch {
                return true;
              }
            },
          });
        }
      }
      markNotificationProcessed(db, row.id, now);
      processed++;
    } catch (e) {
      markNotificationFailed(db, row.id, e instanceof Error ? e.message : String(e));
    }
  }
  return processed;
}
