import { describe, expect, it } from 'vitest';
import { merchantApps, merchants, messages } from '@/db/schema';
import { handleAuthorizationCallback } from './callback';
import { checkMerchantTokens, REFRESH_MARGIN_MS, refreshDueTokens, tokenHealth } from './refresher';
import { createState } from './state';
import { fakeAlipay, issued, ISV_APP_ID, refusal, setup } from './testing/fixtures';
import { openToken } from './tokens';

const DAY = 86_400_000;

async function authorized(s: ReturnType<typeof setup>, now: Date, ...tokens: ReturnType<typeof issued>[]) {
  await handleAuthorizationCallback(
    { app_auth_code: 'c', state: createState(s.key, s.link.id, now.getTime()) },
    { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange: async () => ({ tokens }), now },
  );
}

describe('refreshDueTokens', () => {
  it('refreshes a pair before the refresh token runs out, and leaves fresh ones alone', async () => {
    const s = setup();
    const start = new Date('2026-01-01T00:00:00Z');
    const t = issued('2021000000000801');
    await authorized(s, start, t);
    const renewed = issued('2021000000000801', 2);
    const { exec, client } = fakeAlipay({
      'alipay.open.auth.token.app': (biz) => {
        expect(biz).toEqual({ grant_type: 'refresh_token', refresh_token: t.appRefreshToken });
        return { tokens: [renewed] };
      },
      'alipay.open.auth.token.app.query': { authAppId: t.authAppId, status: 'valid' },
    });

    const early = await refreshDueTokens(s.db, new Date(start.getTime() + 10 * DAY), { cipher: s.cipher, client });
    expect(early).toMatchObject({ refreshed: 0, checked: 1 });
    expect(exec.mock.calls.map((c) => c[0])).toEqual(['alipay.open.auth.token.app.query']);

    // 31 536 000 s (token) − 30-day margin: due after ~335 days.
    const late = new Date(start.getTime() + 340 * DAY);
    const summary = await refreshDueTokens(s.db, late, { cipher: s.cipher, client });
    expect(summary.refreshed).toBe(1);
    const row = s.db.select().from(merchantApps).get()!;
    expect(openToken(s.cipher, row, 'app_auth_token')).toBe(renewed.appAuthToken);
    expect(openToken(s.cipher, row, 'app_refresh_token')).toBe(renewed.appRefreshToken);
    expect(row.lastRefreshedAt).toEqual(late);
    expect(row.refreshExpiresAt!.getTime()).toBe(late.getTime() + renewed.reExpiresIn * 1000);
    expect(tokenHealth(row, late)).not.toBe('refreshDue');
  });

  it('marks a token the platform reports invalid, stopping operations and posting a message', async () => {
    const s = setup();
    const now = new Date();
    const t = issued('2021000000000901');
    await authorized(s, now, t);
    const { client } = fakeAlipay({ 'alipay.open.auth.token.app.query': { authAppId: t.authAppId, status: 'invalid' } });
    const summary = await refreshDueTokens(s.db, new Date(now.getTime() + 1000), { cipher: s.cipher, client });
    expect(summary).toMatchObject({ checked: 1, invalid: 1 });
    expect(s.db.select().from(merchantApps).get()).toMatchObject({ status: 'invalid', lastCheckResult: 'invalid' });
    expect(s.db.select().from(merchants).get()?.authStatus).toBe('cancelled');
    expect(s.db.select().from(messages).all().map((m) => m.type)).toContain('authorization.invalid');
  });

  it('a dead refresh token ends the authorization; a transient failure is kept for the next pass', async () => {
    const s = setup();
    const start = new Date('2026-01-01T00:00:00Z');
    const a = issued('2021000000001001');
    const b = issued('2021000000001002');
    await authorized(s, start, a, b);
    const { client } = fakeAlipay({
      'alipay.open.auth.token.app': (biz) =>
        biz.refresh_token === a.appRefreshToken ? refusal('40004', 'REFRESH_TOKEN_TIME_OUT', 'refresh_token 已过期') : refusal('20000', 'isp.unknow-error'),
      'alipay.open.auth.token.app.query': { authAppId: 'x', status: 'valid' },
    });
    const late = new Date(start.getTime() + REFRESH_MARGIN_MS + 340 * DAY);
    const summary = await refreshDueTokens(s.db, late, { cipher: s.cipher, client });
    expect(summary).toMatchObject({ refreshed: 0, invalid: 1, refreshFailed: 1 });
    const rows = s.db.select().from(merchantApps).all();
    expect(rows.find((r) => r.authAppId === a.authAppId)?.status).toBe('invalid');
    const kept = rows.find((r) => r.authAppId === b.authAppId)!;
    expect(kept.status).toBe('authorized');
    expect(kept.lastRefreshError).toContain('支付宝服务暂时不可用');
    expect(tokenHealth(kept, late)).toBe('checkFailed');
  });

  it.each(['REFRESH_TOKEN_NOT_EXIST', 'REFRESH_TOKEN_NOT_VALID', 'AUTH_TOKEN_NOT_FOUND'])('%s is a dead refresh token too (§3 groups them alike)', async (subCode) => {
    const s = setup();
    const start = new Date('2026-01-01T00:00:00Z');
    const a = issued('2021000000001201');
    await authorized(s, start, a);
    const { client } = fakeAlipay({
      'alipay.open.auth.token.app': refusal('40004', subCode, '刷新令牌无效'),
      'alipay.open.auth.token.app.query': { authAppId: 'x', status: 'valid' },
    });
    const summary = await refreshDueTokens(s.db, new Date(start.getTime() + REFRESH_MARGIN_MS + 340 * DAY), { cipher: s.cipher, client });
    expect(summary).toMatchObject({ invalid: 1 });
    expect(s.db.select().from(merchantApps).get()?.status).toBe('invalid');
  });

  it('a check error is recorded without ending the authorization; "check now" covers the merchant', async () => {
    const s = setup();
    const now = new Date();
    const t = issued('2021000000001101');
    await authorized(s, now, t);
    const failing = fakeAlipay({ 'alipay.open.auth.token.app.query': refusal('20000', 'isp.unknow-error') });
    expect(await checkMerchantTokens(s.db, s.merchant.id, { cipher: s.cipher, client: failing.client }, now)).toEqual({ [t.authAppId]: 'error' });
    expect(s.db.select().from(merchantApps).get()).toMatchObject({ status: 'authorized', lastCheckResult: 'error' });
    const ok = fakeAlipay({ 'alipay.open.auth.token.app.query': { authAppId: t.authAppId, status: 'valid' } });
    expect(await checkMerchantTokens(s.db, s.merchant.id, { cipher: s.cipher, client: ok.client }, now)).toEqual({ [t.authAppId]: 'valid' });
    expect(tokenHealth(s.db.select().from(merchantApps).get()!, now)).toBe('healthy');
  });
});
