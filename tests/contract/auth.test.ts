// Authorization and the gateway's common checks, through lib/alipay against the sandbox.
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildAuthorizationUrl, exchangeAuthCode, queryAppAuthToken, refreshAppAuthToken } from '@/lib/alipay/auth';
import { createAlipayClient } from '@/lib/alipay/client';
import { AlipayError, AlipayTransportError, isTransient } from '@/lib/alipay/errors';
import { queryBaseInfo, queryCategories } from '@/lib/alipay/base-info';
import { listVersions } from '@/lib/alipay/versions';
import { startContractSandbox, uniqueAppName, type ContractSandbox } from './harness';

let t: ContractSandbox;
beforeAll(async () => {
  t = await startContractSandbox();
});
afterEach(() => t.resetPlatform());
afterAll(() => t.close());

async function refusal(promise: Promise<unknown>): Promise<AlipayError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the platform to refuse');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AlipayError);
  return err as AlipayError;
}

function authorizeOne(appName = uniqueAppName()) {
  const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: appName }] });
  const appId = account.miniApps[0].appId;
  const { appAuthCode } = t.sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'http://console.test/cb' });
  return { account, appId, code: appAuthCode };
}

describe('settings', () => {
  it('uses the sandbox identity files and gateway', () => {
    expect(t.settings).toMatchObject({ mode: 'sandbox', appId: t.sandbox.identity.appId, gateway: `${t.url}/sandbox/gateway.do` });
    expect(t.settings.privateKey).toContain('BEGIN PRIVATE KEY');
  });

  it('builds the batch authorization link', () => {
    const link = new URL(buildAuthorizationUrl(t.settings, { redirectUri: 'https://console.example.com/api/alipay/callback?x=1', state: 'abc' }));
    expect(link.pathname).toBe('/sandbox/openauth/oauth2/appToAppBatchAuth.htm');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      app_id: t.sandbox.identity.appId,
      application_type: 'TINYAPP',
      redirect_uri: 'https://console.example.com/api/alipay/callback?x=1',
      state: 'abc',
    });
  });
});

describe('alipay.open.auth.token.app', () => {
  it('exchanges a code for one token per authorized mini-program', async () => {
    const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: uniqueAppName() }, { name: uniqueAppName() }] });
    const appIds = account.miniApps.map((a) => a.appId);
    const { appAuthCode } = t.sandbox.control.authorize({ userId: account.userId, appIds, redirectUri: 'http://console.test/cb' });
    const { tokens } = await exchangeAuthCode({ code: appAuthCode }, t.client);
    expect(tokens.map((x) => x.authAppId)).toEqual(appIds);
    for (const token of tokens) {
      // 365 and 372 days, counted from the moment of the answer (a second may tick between issue and answer).
      expect(token.userId).toBe(account.userId);
      expect(31536000 - (token.expiresIn ?? 0)).toBeGreaterThanOrEqual(0);
      expect(31536000 - (token.expiresIn ?? 0)).toBeLessThanOrEqual(2);
      expect(32140800 - (token.reExpiresIn ?? 0)).toBeGreaterThanOrEqual(0);
      expect(32140800 - (token.reExpiresIn ?? 0)).toBeLessThanOrEqual(2);
      expect(token.appAuthToken).toBeTruthy();
      expect(token.appRefreshToken).toBeTruthy();
    }
    const base = await queryBaseInfo({ appAuthToken: tokens[1].appAuthToken }, t.client);
    expect(base.appName).toBe(account.miniApps[1].name);
  });

  it('refuses a used code with isv.code-invalid', async () => {
    const { code } = authorizeOne();
    await exchangeAuthCode({ code }, t.client);
    const err = await refusal(exchangeAuthCode({ code }, t.client));
    expect(err).toMatchObject({ code: '40002', subCode: 'isv.code-invalid', userMessage: '授权码无效或已使用，请让商家重新授权' });
    expect(isTransient(err)).toBe(false);
  });

  it('refuses an unknown code and a code older than 10 minutes', async () => {
    await expect(refusal(exchangeAuthCode({ code: 'no-such-code' }, t.client))).resolves.toMatchObject({ subCode: 'isv.code-invalid' });
    const { code } = authorizeOne();
    t.clock.offsetMs = 11 * 60_000;
    await expect(refusal(exchangeAuthCode({ code }, t.client))).resolves.toMatchObject({ subCode: 'isv.code-invalid' });
  });

  it('refreshes: a new pair, and the old token and refresh token stop working', async () => {
    const m = await t.newMerchant();
    const { tokens } = await refreshAppAuthToken({ refreshToken: m.appRefreshToken }, t.client);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ authAppId: m.appId });
    expect(tokens[0].appAuthToken).not.toBe(m.appAuthToken);
    await expect(listVersions({ appAuthToken: tokens[0].appAuthToken }, t.client)).resolves.toEqual([]);
    await expect(refusal(listVersions(m.scope, t.client))).resolves.toMatchObject({ code: '20001', subCode: 'aop.invalid-app-auth-token' });
    await expect(refusal(refreshAppAuthToken({ refreshToken: m.appRefreshToken }, t.client))).resolves.toMatchObject({
      subCode: 'REFRESH_TOKEN_NOT_VALID',
      userMessage: '刷新令牌无效，请让商家重新授权',
    });
  });
});

describe('alipay.open.auth.token.app.query', () => {
  it('reports a live token as valid with the methods it allows', async () => {
    const m = await t.newMerchant();
    const info = await queryAppAuthToken({ appAuthToken: m.appAuthToken }, t.client);
    expect(info).toMatchObject({ userId: m.userId, authAppId: m.appId, status: 'valid', expiresIn: 31536000 });
    expect(info.authMethods).toContain('alipay.open.mini.version.upload');
  });

  it('reports a cancelled token as invalid and an unknown one as AUTH_TOKEN_NOT_EXISTED', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.cancelAuthorization(m.appId);
    await expect(queryAppAuthToken({ appAuthToken: m.appAuthToken }, t.client)).resolves.toMatchObject({ status: 'invalid' });
    await expect(refusal(queryAppAuthToken({ appAuthToken: 'nope' }, t.client))).resolves.toMatchObject({ subCode: 'AUTH_TOKEN_NOT_EXISTED' });
  });
});

describe('merchant tokens', () => {
  it('refuses an unknown token with 20001', async () => {
    const err = await refusal(listVersions({ appAuthToken: 'unknown-token' }, t.client));
    expect(err).toMatchObject({ code: '20001', subCode: 'aop.invalid-app-auth-token', method: 'alipay.open.mini.version.list.query' });
    expect(err.userMessage).toMatch(/重新授权/);
  });

  it('refuses a token once the merchant cancelled the authorization', async () => {
    const m = await t.newMerchant();
    await listVersions(m.scope, t.client);
    t.sandbox.control.cancelAuthorization(m.appId);
    await expect(refusal(listVersions(m.scope, t.client))).resolves.toMatchObject({ code: '20001', subCode: 'aop.invalid-app-auth-token' });
  });

  it('refuses the old token as soon as the mini-program is authorized again', async () => {
    const m = await t.newMerchant();
    const { appAuthCode } = t.sandbox.control.authorize({ userId: m.userId, appIds: [m.appId], redirectUri: 'http://console.test/cb' });
    const { tokens } = await exchangeAuthCode({ code: appAuthCode }, t.client);
    await expect(refusal(listVersions(m.scope, t.client))).resolves.toMatchObject({ subCode: 'aop.invalid-app-auth-token' });
    await expect(listVersions({ appAuthToken: tokens[0].appAuthToken }, t.client)).resolves.toEqual([]);
  });
});

describe('the gateway common checks', () => {
  const other = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

  it('refuses a request signed with the wrong private key', async () => {
    const wrong = createAlipayClient({ ...t.settings, privateKey: other.privateKey });
    const err = await refusal(queryCategories({}, wrong));
    expect(err).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature', method: 'alipay.open.mini.category.query' });
    expect(err.userMessage).toMatch(/私钥/);
    expect(err.userMessage).not.toContain('app_id=');
  });

  it('refuses an unknown app id', async () => {
    const stranger = createAlipayClient({ ...t.settings, appId: '2021000000009999' });
    await expect(refusal(queryCategories({}, stranger))).resolves.toMatchObject({ code: '40002', subCode: 'isv.invalid-app-id' });
  });

  it('refuses a request whose timestamp is more than 15 minutes off the platform clock', async () => {
    t.clock.offsetMs = 20 * 60_000;
    await expect(refusal(queryCategories({}, t.client))).resolves.toMatchObject({ subCode: 'isv.invalid-timestamp' });
  });

  it('refuses answers that do not verify with the configured Alipay public key', async () => {
    const misconfigured = createAlipayClient({ ...t.settings, alipayPublicKey: other.publicKey });
    const err = await queryCategories({}, misconfigured).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayTransportError);
    expect(err).toMatchObject({ kind: 'invalid-sign', method: 'alipay.open.mini.category.query' });
  });

  it('carries the trace id of the answer on errors', async () => {
    const err = await refusal(listVersions({ appAuthToken: 'unknown-token' }, t.client));
    expect(err.traceId).toBeTruthy();
  });
});
