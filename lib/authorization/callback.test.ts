import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { merchantApps, merchants, messages } from '@/db/schema';
import { AlipayError, AlipayTransportError } from '@/lib/alipay/errors';
import { insertMerchant } from '@/lib/merchants/data';
import { handleAuthorizationCallback, type CallbackDeps } from './callback';
import { createAuthorizationLink, revokeAuthorizationLink } from './links';
import { createState } from './state';
import { issued, ISV_APP_ID, setup } from './testing/fixtures';
import { openToken } from './tokens';

function deps(s: ReturnType<typeof setup>, exchange: CallbackDeps['exchange'], extra: Partial<CallbackDeps> = {}): CallbackDeps {
  return { db: s.db, masterKey: s.key, cipher: s.cipher, isvAppId: ISV_APP_ID, exchange, ...extra };
}

const count = (s: ReturnType<typeof setup>) => ({
  apps: s.db.select().from(merchantApps).all().length,
  messages: s.db.select().from(messages).all().length,
});

describe('authorization callback', () => {
  it('records every authorized mini-program with encrypted tokens and posts a message', async () => {
    const s = setup();
    const t1 = issued('2021000000000101');
    const t2 = issued('2021000000000102');
    const outcome = await handleAuthorizationCallback(
      { app_id: ISV_APP_ID, app_auth_code: 'code-1', state: createState(s.key, s.link.id, Date.now()) },
      deps(s, async (code) => (code === 'code-1' ? { tokens: [t1, t2] } : { tokens: [] }), { describeApp: async (t) => `名字${t.authAppId.slice(-1)}` }),
    );
    expect(outcome).toMatchObject({ kind: 'authorized', merchantId: s.merchant.id, apps: [{ authAppId: t1.authAppId, appName: '名字1' }, { authAppId: t2.authAppId }] });
    const rows = s.db.select().from(merchantApps).all();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ status: 'authorized', userId: t1.userId, appName: '名字1', linkId: s.link.id });
    expect(rows[0].appAuthTokenEnc).not.toContain(t1.appAuthToken);
    expect(openToken(s.cipher, rows[0], 'app_auth_token')).toBe(t1.appAuthToken);
    expect(openToken(s.cipher, rows[1], 'app_refresh_token')).toBe(t2.appRefreshToken);
    expect(rows[0].refreshExpiresAt!.getTime() - rows[0].authorizedAt.getTime()).toBe(t1.reExpiresIn * 1000);
    expect(s.db.select().from(merchants).where(eq(merchants.id, s.merchant.id)).get()?.authStatus).toBe('authorized');
    const [msg] = s.db.select().from(messages).all();
    expect(msg).toMatchObject({ type: 'authorization.granted', merchantId: s.merchant.id, link: `/merchants/${s.merchant.id}/authorization` });
    expect(`${msg.title}${msg.body}`).not.toContain(t1.appAuthToken);
  });

  it('a refusal, a forged or expired state, and a foreign app id write nothing', async () => {
    const s = setup();
    const never = async () => {
      throw new Error('must not exchange');
    };
    const state = createState(s.key, s.link.id, Date.now());
    expect(await handleAuthorizationCallback({ app_id: ISV_APP_ID, error: 'access_denied', state }, deps(s, never))).toMatchObject({ kind: 'refused' });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: 'forged.state' }, deps(s, never))).toEqual({ kind: 'forged' });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c' }, deps(s, never))).toEqual({ kind: 'forged' });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: createState(Buffer.alloc(32, 1), s.link.id, Date.now()) }, deps(s, never))).toEqual({ kind: 'forged' });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state, app_id: '2021999999999999' }, deps(s, never))).toEqual({ kind: 'forged' });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: createState(s.key, s.link.id, Date.now() - 2 * 3600_000) }, deps(s, never))).toEqual({ kind: 'state-expired' });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: createState(s.key, 9999, Date.now()) }, deps(s, never))).toEqual({ kind: 'forged' });
    expect(count(s)).toEqual({ apps: 0, messages: 0 });
  });

  it('an expired or revoked link, or an archived merchant, ends without exchanging the code', async () => {
    const s = setup();
    const never = async () => {
      throw new Error('must not exchange');
    };
    const state = createState(s.key, s.link.id, Date.now());
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state }, deps(s, never, { now: new Date(Date.now() + 8 * 86400_000) }))).toMatchObject({ kind: 'state-expired' });
    const later = new Date(s.link.expiresAt.getTime() + 1000);
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: createState(s.key, s.link.id, later.getTime() - 1000) }, deps(s, never, { now: later }))).toMatchObject({ kind: 'link-expired' });
    revokeAuthorizationLink(s.db, { merchantId: s.merchant.id, linkId: s.link.id });
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state }, deps(s, never))).toMatchObject({ kind: 'link-revoked' });
    const fresh = createAuthorizationLink(s.db, { merchantId: s.merchant.id, createdById: null, ttlDays: 7, appUrl: 'http://x' });
    s.db.update(merchants).set({ archivedAt: new Date() }).where(eq(merchants.id, s.merchant.id)).run();
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: createState(s.key, fresh.link.id, Date.now()) }, deps(s, never))).toMatchObject({ kind: 'merchant-archived' });
    expect(count(s)).toEqual({ apps: 0, messages: 0 });
  });

  it('a reused or expired code and platform failures write nothing', async () => {
    const s = setup();
    const state = createState(s.key, s.link.id, Date.now());
    const used = async () => {
      throw new AlipayError({ method: 'alipay.open.auth.token.app', code: '40002', msg: 'Invalid Arguments', subCode: 'isv.code-invalid', subMsg: '授权码 code 无效' });
    };
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state }, deps(s, used))).toMatchObject({ kind: 'code-invalid' });
    const down = async () => {
      throw new AlipayTransportError('alipay.open.auth.token.app', 'timeout', 'ETIMEDOUT');
    };
    const second = createState(s.key, s.link.id, Date.now());
    expect(await handleAuthorizationCallback({ app_auth_code: 'c', state: second }, deps(s, down))).toMatchObject({ kind: 'platform-error', message: expect.stringContaining('超时') });
    expect(count(s)).toEqual({ apps: 0, messages: 0 });
  });

  it('accepts each state once: a replayed callback URL attaches nothing, even sent twice at once', async () => {
    const s = setup();
    const state = createState(s.key, s.link.id, Date.now());
    let exchanges = 0;
    const exchange = async () => {
      exchanges++;
      return { tokens: [issued('2021000000000301')] };
    };
    const [first, again] = await Promise.all([
      handleAuthorizationCallback({ app_id: ISV_APP_ID, app_auth_code: 'code-1', state }, deps(s, exchange)),
      handleAuthorizationCallback({ app_id: ISV_APP_ID, app_auth_code: 'code-2', state }, deps(s, exchange)),
    ]);
    expect([first.kind, again.kind].sort()).toEqual(['authorized', 'state-used']);
    expect(exchanges).toBe(1);
    expect(await handleAuthorizationCallback({ app_id: ISV_APP_ID, app_auth_code: 'code-3', state }, deps(s, exchange))).toEqual({ kind: 'state-used' });
    expect(exchanges).toBe(1);
    expect(count(s).apps).toBe(1);
  });

  it('refuses a mini-program authorized to another merchant, keeping the owner working with the new token', async () => {
    const a = setup('商家甲');
    const t = issued('2021000000000201');
    await handleAuthorizationCallback({ app_auth_code: 'c1', state: createState(a.key, a.link.id, Date.now()) }, deps(a, async () => ({ tokens: [t] })));
    const other = insertMerchant(a.db, { name: '商家乙', contactName: '李', mobile: '13900000000', industry: 'retail' });
    const link = createAuthorizationLink(a.db, { merchantId: other.id, createdById: null, ttlDays: 7, appUrl: 'http://x' });
    const again = issued('2021000000000201', 2);
    const fresh = issued('2021000000000202');
    const outcome = await handleAuthorizationCallback(
      { app_auth_code: 'c2', state: createState(a.key, link.link.id, Date.now()) },
      deps(a, async () => ({ tokens: [fresh, again] })),
    );
    expect(outcome).toMatchObject({ kind: 'conflict', merchantId: other.id, apps: [{ authAppId: again.authAppId }] });
    const rows = a.db.select().from(merchantApps).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].merchantId).toBe(a.merchant.id);
    expect(openToken(a.cipher, rows[0], 'app_auth_token')).toBe(again.appAuthToken);
    expect(a.db.select().from(merchants).where(eq(merchants.id, other.id)).get()?.authStatus).toBe('unauthorized');
    expect(a.db.select().from(messages).all().map((m) => m.type)).toEqual(['authorization.granted', 'authorization.conflict']);
  });

  it('re-authorizing a cancelled mini-program for the same merchant brings it back', async () => {
    const s = setup();
    const t = issued('2021000000000301');
    await handleAuthorizationCallback({ app_auth_code: 'c1', state: createState(s.key, s.link.id, Date.now()) }, deps(s, async () => ({ tokens: [t] })));
    s.db.update(merchantApps).set({ status: 'cancelled', appAuthTokenEnc: null, appRefreshTokenEnc: null }).run();
    const t2 = issued('2021000000000301', 2);
    const outcome = await handleAuthorizationCallback({ app_auth_code: 'c2', state: createState(s.key, s.link.id, Date.now()) }, deps(s, async () => ({ tokens: [t2] })));
    expect(outcome.kind).toBe('authorized');
    const [row] = s.db.select().from(merchantApps).all();
    expect(row.status).toBe('authorized');
    expect(openToken(s.cipher, row, 'app_auth_token')).toBe(t2.appAuthToken);
  });
});
