import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alipayNotifications, merchantApps, merchants, messages } from '@/db/schema';
import { tokenFingerprint, type VerifiedNotification } from '@/lib/alipay/notify';
import { handleAuthorizationCallback } from './callback';
import { handleAuthorizedNotification, handleCancelledNotification, reconcileAuthorizationNotifications } from './notifications';
import { createState } from './state';
import { issued, ISV_APP_ID, setup } from './testing/fixtures';
import { openToken } from './tokens';

async function authorized(s: ReturnType<typeof setup>, ...tokens: ReturnType<typeof issued>[]) {
  await handleAuthorizationCallback(
    { app_auth_code: 'c', state: createState(s.key, s.link.id, Date.now()) },
    { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange: async () => ({ tokens }) },
  );
}

const note = (kind: string, biz: Record<string, unknown>): VerifiedNotification => ({
  id: 1,
  kind,
  notifyId: 'n1',
  authAppId: (biz.auth_app_id as string) ?? null,
  params: {},
  bizContent: biz,
});

describe('authorization notifications', () => {
  it('a cancellation ends the authorization, drops the tokens, and posts one message', async () => {
    const s = setup();
    const t1 = issued('2021000000000401');
    const t2 = issued('2021000000000402');
    await authorized(s, t1, t2);
    const cancel = note('alipay.open.auth.appauth.cancelled', { auth_app_id: t1.authAppId, app_auth_token: t1.appAuthToken, user_id: t1.userId });
    handleCancelledNotification(cancel, { db: s.db }, s.cipher);
    handleCancelledNotification(cancel, { db: s.db }, s.cipher);
    const rows = s.db.select().from(merchantApps).all();
    expect(rows.find((r) => r.authAppId === t1.authAppId)).toMatchObject({ status: 'cancelled', appAuthTokenEnc: null, appRefreshTokenEnc: null, endedReason: 'merchant_cancelled' });
    expect(rows.find((r) => r.authAppId === t2.authAppId)?.status).toBe('authorized');
    expect(s.db.select().from(merchants).get()?.authStatus).toBe('authorized');
    expect(s.db.select().from(messages).all().filter((m) => m.type === 'authorization.cancelled')).toHaveLength(1);

    handleCancelledNotification(note('alipay.open.auth.appauth.cancelled', { auth_app_id: t2.authAppId, app_auth_token: t2.appAuthToken }), { db: s.db }, s.cipher);
    expect(s.db.select().from(merchants).get()?.authStatus).toBe('cancelled');
  });

  it('ignores a cancellation of a token already replaced, and of unknown mini-programs', async () => {
    const s = setup();
    const t = issued('2021000000000501');
    await authorized(s, t);
    handleCancelledNotification(note('alipay.open.auth.appauth.cancelled', { auth_app_id: t.authAppId, app_auth_token: 'an-older-token' }), { db: s.db }, s.cipher);
    handleCancelledNotification(note('alipay.open.auth.appauth.cancelled', { auth_app_id: '2021000000009999', app_auth_token: 'x' }), { db: s.db }, s.cipher);
    expect(s.db.select().from(merchantApps).get()?.status).toBe('authorized');
  });

  it('open_app_auth_notify keeps re-issued tokens of a known mini-program and ignores unknown ones', async () => {
    const s = setup();
    const t = issued('2021000000000601');
    await authorized(s, t);
    const again = issued('2021000000000601', 2);
    const detail = { auth_app_id: again.authAppId, app_auth_token: again.appAuthToken, app_refresh_token: again.appRefreshToken, user_id: again.userId, expires_in: 31536000, re_expires_in: 32140800 };
    handleAuthorizedNotification(note('open_app_auth_notify', { detail }), { db: s.db }, s.cipher);
    const row = s.db.select().from(merchantApps).get()!;
    expect(openToken(s.cipher, row, 'app_auth_token')).toBe(again.appAuthToken);
    handleAuthorizedNotification(note('open_app_auth_notify', { detail: { ...detail, auth_app_id: '2021000000000699' } }), { db: s.db }, s.cipher);
    expect(s.db.select().from(merchantApps).all()).toHaveLength(1);
  });

  it('reconciles a stored cancellation no handler processed, matching the token by its fingerprint', async () => {
    const s = setup();
    const t = issued('2021000000000701');
    await authorized(s, t);
    s.db
      .insert(alipayNotifications)
      .values({
        notifyId: 'stored-1',
        kind: 'alipay.open.auth.appauth.cancelled',
        authAppId: t.authAppId,
        payload: JSON.stringify({ biz_content: { auth_app_id: t.authAppId, app_auth_token: tokenFingerprint(t.appAuthToken) } }),
      })
      .run();
    expect(reconcileAuthorizationNotifications(s.db, s.cipher)).toBe(1);
    expect(s.db.select().from(merchantApps).get()?.status).toBe('cancelled');
    expect(s.db.select().from(alipayNotifications).where(eq(alipayNotifications.notifyId, 'stored-1')).get()?.processedAt).toBeInstanceOf(Date);
    expect(reconcileAuthorizationNotifications(s.db, s.cipher)).toBe(0);
  });

  it('leaves a row whose handler failed to the slower retry', async () => {
    const s = setup();
    s.db
      .insert(alipayNotifications)
      .values({ notifyId: 'failed-1', kind: 'alipay.open.auth.appauth.cancelled', authAppId: '2021000000000801', payload: '{}', processError: 'boom' })
      .run();
    expect(reconcileAuthorizationNotifications(s.db, s.cipher)).toBe(0);
    expect(reconcileAuthorizationNotifications(s.db, s.cipher, new Date(), { includeFailed: true })).toBe(1);
  });
});
