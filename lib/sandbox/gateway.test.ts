// The gateway protocol, exercised through alipay-sdk itself over HTTP, as the console calls it.
import crypto from 'node:crypto';
import { AlipayFormData, type AlipaySdk } from 'alipay-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { formatBeijing } from './protocol/time';
import { serveSandbox } from './testing/serve';
import { pngBytes } from './testing/png';
import { createTempSandbox, sandboxSdk, type TempSandbox } from './testing/temp-sandbox';

let t: TempSandbox;
let server: { url: string; close(): Promise<void> };
let sdk: AlipaySdk;
let gateway: string;

beforeAll(async () => {
  t = createTempSandbox();
  server = await serveSandbox(t.sandbox);
  sdk = sandboxSdk(t.sandbox.identity, server.url);
  gateway = `${server.url}/sandbox/gateway.do`;
});
afterAll(async () => {
  await server.close();
  t.dispose();
});
afterEach(() => {
  t.sandbox.control.setFaults([]);
});

const exec = (method: string, params: Record<string, unknown> = {}, client = sdk) => client.exec(method, params, { validateSign: true });

/** Authorizes a fresh mini-program and returns its token. */
async function merchantToken(): Promise<{ token: string; appId: string; userId: string }> {
  const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: `测试商户${crypto.randomInt(1e6)}` }] });
  const appId = account.miniApps[0].appId;
  const { appAuthCode } = t.sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'https://isv.example.com/cb' });
  const r = await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code: appAuthCode } });
  return { token: r.appAuthToken as string, appId, userId: account.userId };
}

/** Checks a raw gateway answer the way the platform signs it: the exact inner text. */
function verifyRaw(text: string): { key: string; inner: Record<string, unknown> } {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const key = Object.keys(parsed).find((k) => k !== 'sign')!;
  const innerText = text.slice(text.indexOf(':') + 1, text.lastIndexOf(',"sign"'));
  const ok = crypto.createVerify('RSA-SHA256').update(innerText).verify(t.sandbox.identity.alipayPublicKeyPem, parsed.sign as string, 'base64');
  expect(ok).toBe(true);
  return { key, inner: parsed[key] as Record<string, unknown> };
}

describe('requests and signatures', () => {
  test('a signed call succeeds and the response signature verifies (validateSign)', async () => {
    const r = await exec('alipay.open.mini.category.query', { bizContent: { is_filter: true } });
    expect(r.code).toBe('10000');
    expect(r.msg).toBe('Success');
    expect((r.miniCategoryList as unknown[]).length).toBeGreaterThan(5);
    expect(r.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(t.sandbox.control.listRequests(1)[0]).toMatchObject({ method: 'alipay.open.mini.category.query', code: '10000', traceId: r.traceId });
  });

  test('a request signed with another key gets 40002 isv.invalid-signature echoing the signed string', async () => {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const intruder = sandboxSdk(t.sandbox.identity, server.url, { privateKey });
    const r = await exec('alipay.open.mini.category.query', { bizContent: { is_filter: false } }, intruder);
    expect(r).toMatchObject({ code: '40002', msg: 'Invalid Arguments', subCode: 'isv.invalid-signature' });
    expect(r.subMsg).toContain(`app_id=${t.sandbox.identity.appId}&biz_content={"is_filter":false}&charset=utf-8&method=alipay.open.mini.category.query&sign_type=RSA2&timestamp=`);
  });

  test('a request without method gets error_response 40001 isv.missing-method, signed', async () => {
    const res = await fetch(gateway, { method: 'POST', body: new URLSearchParams({ app_id: t.sandbox.identity.appId, charset: 'utf-8' }) });
    expect(res.status).toBe(200);
    const { key, inner } = verifyRaw(await res.text());
    expect(key).toBe('error_response');
    expect(inner).toMatchObject({ code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-method' });
    expect(res.headers.get('trace_id')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('a timestamp more than 15 minutes away gets 40002 isv.invalid-timestamp', async () => {
    const stale = formatBeijing(Date.now() - 16 * 60_000);
    const r = await exec('alipay.open.mini.category.query', { timestamp: stale, bizContent: {} });
    expect(r).toMatchObject({ code: '40002', subCode: 'isv.invalid-timestamp' });
    const fine = await exec('alipay.open.mini.category.query', { timestamp: formatBeijing(Date.now() - 5 * 60_000), bizContent: {} });
    expect(fine.code).toBe('10000');
  });

  test('the timestamp is read as Beijing time whatever the process zone: UTC wall time (8 hours off) is refused', async () => {
    // What alipay-sdk sends from a server running in UTC if the console did not pass its own timestamp (§2).
    const utcWallTime = formatBeijing(Date.now() - 8 * 3600_000);
    expect(await exec('alipay.open.mini.category.query', { timestamp: utcWallTime, bizContent: {} })).toMatchObject({ code: '40002', subCode: 'isv.invalid-timestamp' });
    expect((await exec('alipay.open.mini.category.query', { timestamp: formatBeijing(Date.now()), bizContent: {} })).code).toBe('10000');
  });

  test('unknown methods and app ids are refused', async () => {
    expect(await exec('alipay.open.mini.version.teleport', {})).toMatchObject({ code: '40002', subCode: 'isv.invalid-method' });
    const other = sandboxSdk(t.sandbox.identity, server.url, { appId: '2021000000000001' });
    expect(await exec('alipay.open.mini.category.query', {}, other)).toMatchObject({ code: '40002', subCode: 'isv.invalid-app-id' });
  });

  test('missing common parameters get 40001', async () => {
    const res = await fetch(`${gateway}?method=alipay.open.mini.category.query`, { method: 'POST' });
    const { key, inner } = verifyRaw(await res.text());
    expect(key).toBe('alipay_open_mini_category_query_response');
    expect(inner).toMatchObject({ code: '40001', sub_code: 'isv.missing-app-id' });
  });

  test('business errors are 40004 with the method sub_code and a Chinese sub_msg', async () => {
    const { token } = await merchantToken();
    const r = await exec('alipay.open.mini.version.upload', { appAuthToken: token, bizContent: { app_version: '0.0.1' } });
    expect(r).toMatchObject({ code: '40004', msg: 'Business Failed', subCode: 'TEMPLATE_ID_IS_BLANK' });
    expect(r.subMsg).toMatch(/[\u4e00-\u9fff]/);
  });

  test('unknown clients get BUNDLE_ID_NOT_EXIST', async () => {
    const { token } = await merchantToken();
    const r = await exec('alipay.open.mini.version.list.query', { appAuthToken: token, bizContent: { bundle_id: 'com.example.app', version_status: 'INIT' } });
    expect(r.subCode).toBe('BUNDLE_ID_NOT_EXIST');
  });

  test('multipart requests (AlipayFormData with files) are signed over their text fields', async () => {
    const { token } = await merchantToken();
    const form = new AlipayFormData();
    form.addField('app_auth_token', token);
    form.addField('app_slogan', '每天一束好花送到您身边');
    form.addField('service_phone', '0571-88880001');
    form.addFile('app_logo', 'logo.png', pngBytes(64, 64));
    const r = await sdk.exec('alipay.open.mini.baseinfo.modify', {}, { formData: form, validateSign: true });
    expect(r).toMatchObject({ code: '10000', modifyStatus: 'EFFECTIVE' });
    const info = await exec('alipay.open.mini.baseinfo.query', { appAuthToken: token });
    expect(info.appSlogan).toBe('每天一束好花送到您身边');
    const logo = await fetch((info.appLogo as string).replace('http://127.0.0.1:9', server.url));
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await logo.arrayBuffer()).equals(pngBytes(64, 64))).toBe(true);
  });
});

describe('merchant tokens', () => {
  test('calls without app_auth_token, or with an unknown one, get 20001', async () => {
    expect(await exec('alipay.open.mini.baseinfo.query', {})).toMatchObject({ code: '20001', subCode: 'aop.invalid-app-auth-token' });
    expect(await exec('alipay.open.mini.baseinfo.query', { appAuthToken: '202401BBnope' })).toMatchObject({ code: '20001', msg: 'Insufficient Token Permissions' });
  });

  test('a cancelled authorization stops the token at once', async () => {
    const { token, appId } = await merchantToken();
    expect((await exec('alipay.open.mini.baseinfo.query', { appAuthToken: token })).code).toBe('10000');
    t.sandbox.control.cancelAuthorization(appId);
    expect(await exec('alipay.open.mini.baseinfo.query', { appAuthToken: token })).toMatchObject({ code: '20001', subCode: 'aop.invalid-app-auth-token' });
    expect(await exec('alipay.open.auth.token.app.query', { bizContent: { app_auth_token: token } })).toMatchObject({ code: '10000', status: 'invalid' });
  });

  test('re-authorizing replaces the old token', async () => {
    const { token, appId, userId } = await merchantToken();
    const { appAuthCode } = t.sandbox.control.authorize({ userId, appIds: [appId], redirectUri: 'https://isv.example.com/cb' });
    const fresh = await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code: appAuthCode } });
    expect(fresh.appAuthToken).not.toBe(token);
    expect((await exec('alipay.open.mini.baseinfo.query', { appAuthToken: token })).code).toBe('20001');
    expect((await exec('alipay.open.mini.baseinfo.query', { appAuthToken: fresh.appAuthToken })).code).toBe('10000');
  });

  test('codes are single use; refreshing issues a new pair and retires the old one', async () => {
    const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: '刷新测试甲' }, { name: '刷新测试乙' }] });
    const appIds = account.miniApps.map((a) => a.appId);
    const { appAuthCode, redirectTo } = t.sandbox.control.authorize({ userId: account.userId, appIds, redirectUri: 'https://isv.example.com/cb?x=1', state: 'st' });
    const redirect = new URL(redirectTo);
    expect(Object.fromEntries(redirect.searchParams)).toEqual({ x: '1', app_id: t.sandbox.identity.appId, app_auth_code: appAuthCode, state: 'st' });

    const r = await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code: appAuthCode } });
    expect((r.tokens as { authAppId: string }[]).map((x) => x.authAppId)).toEqual(appIds);
    expect(r).toMatchObject({ authAppId: appIds[0], userId: account.userId, expiresIn: 31536000, reExpiresIn: 32140800 });
    expect(await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code: appAuthCode } })).toMatchObject({
      code: '40002',
      subCode: 'isv.code-invalid',
    });

    const refreshed = await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'refresh_token', refresh_token: r.appRefreshToken } });
    expect(refreshed.code).toBe('10000');
    expect(refreshed.appAuthToken).not.toBe(r.appAuthToken);
    expect((await exec('alipay.open.mini.baseinfo.query', { appAuthToken: r.appAuthToken })).code).toBe('20001');
    expect((await exec('alipay.open.mini.baseinfo.query', { appAuthToken: refreshed.appAuthToken })).code).toBe('10000');
    expect(await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'refresh_token', refresh_token: r.appRefreshToken } })).toMatchObject({
      subCode: 'REFRESH_TOKEN_NOT_VALID',
    });
    expect(await exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'password' } })).toMatchObject({ subCode: 'GRANT_TYPE_INVALID' });
    expect(await exec('alipay.open.auth.token.app.query', { bizContent: { app_auth_token: refreshed.appAuthToken } })).toMatchObject({
      code: '10000',
      status: 'valid',
      authAppId: appIds[0],
    });
    expect(await exec('alipay.open.auth.token.app.query', { bizContent: { app_auth_token: 'nope' } })).toMatchObject({ subCode: 'AUTH_TOKEN_NOT_EXISTED' });
  });

  test('refusing redirects with error=access_denied and no code', () => {
    const { redirectTo } = t.sandbox.control.refuse({ redirectUri: 'https://isv.example.com/cb', state: 's1' });
    const url = new URL(redirectTo);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('s1');
    expect(url.searchParams.has('app_auth_code')).toBe(false);
  });
});

describe('faults', () => {
  test('an error rate with an isp sub_code answers 20000; a business one 40004', async () => {
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.category.query', errorRate: 1, errorSubCode: 'isp.unknow-error' }]);
    expect(await exec('alipay.open.mini.category.query', {})).toMatchObject({ code: '20000', msg: 'Service Currently Unavailable', subCode: 'isp.unknow-error' });
    // Other methods are untouched by a per-method rule.
    expect((await exec('alipay.open.auth.token.app.query', { bizContent: { app_auth_token: 'x' } })).subCode).toBe('AUTH_TOKEN_NOT_EXISTED');
    t.sandbox.control.setFaults([{ method: '*', errorRate: 1, errorSubCode: 'SYSTEM_ERROR', errorSubMsg: '系统错误' }]);
    expect(await exec('alipay.open.mini.category.query', {})).toMatchObject({ code: '40004', subCode: 'SYSTEM_ERROR', subMsg: '系统错误' });
  });

  test('a requests-per-second limit answers 40004 SYSTEM_LIMIT above it', async () => {
    t.sandbox.control.setFaults([{ method: '*', rps: 2 }]);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(((await exec('alipay.open.mini.category.query', {})).subCode as string) ?? 'ok');
    expect(codes.filter((c) => c === 'SYSTEM_LIMIT').length).toBeGreaterThanOrEqual(2);
    expect(codes[0]).toBe('ok');
  });

  test('latency delays the answer', async () => {
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.category.query', latencyMs: 300, jitterMs: 50 }]);
    const started = Date.now();
    expect((await exec('alipay.open.mini.category.query', {})).code).toBe('10000');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  test('a hanging method never answers: the client times out, the sandbox lets go', async () => {
    t.sandbox.control.setFaults([{ method: 'alipay.open.mini.category.query', hang: true }]);
    const impatient = sandboxSdk(t.sandbox.identity, server.url, { timeout: 500 });
    await expect(impatient.exec('alipay.open.mini.category.query', {}, { validateSign: true })).rejects.toThrow(/HttpClient Request error/);
    await expect.poll(() => t.sandbox.control.listRequests(1)[0]).toMatchObject({ method: 'alipay.open.mini.category.query', code: '20000' });
  });
});

describe('authorization notification', () => {
  test('open_app_auth_notify is form-posted, signed as checkNotifySign expects, and retried until `success`', async () => {
    const received: Record<string, string>[] = [];
    let answer = 'fail';
    const receiver = await import('node:http').then(({ createServer }) =>
      createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          received.push(Object.fromEntries(new URLSearchParams(body)));
          res.end(answer);
        });
      }),
    );
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as import('node:net').AddressInfo).port;
    t.sandbox.control.updateSettings({ notifyUrl: `http://127.0.0.1:${port}/api/alipay/notify` });
    try {
      const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: '通知测试' }] });
      const appId = account.miniApps[0].appId;
      const { appAuthCode } = t.sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'https://isv.example.com/cb' });

      expect(await t.sandbox.control.flushMessages()).toBe(0);
      const first = received.at(-1)!;
      expect(sdk.checkNotifySign(first)).toBe(true);
      expect(sdk.checkNotifySignV2(first)).toBe(true);
      expect(first).toMatchObject({ notify_type: 'open_app_auth_notify', status: 'execute_auth', app_id: t.sandbox.identity.appId, auth_app_id: appId, sign_type: 'RSA2' });
      const detail = JSON.parse(first.biz_content).detail;
      expect(detail).toMatchObject({ app_auth_code: appAuthCode, auth_app_id: appId, user_id: account.userId, expires_in: 31536000, re_expires_in: 32140800 });
      expect(sdk.checkNotifySign({ ...first, status: 'tampered' })).toBe(false);

      const msg = t.sandbox.control.listMessages(1)[0];
      expect(msg).toMatchObject({ name: 'open_app_auth_notify', status: 'retrying', attempts: 1 });
      answer = 'success';
      await new Promise((r) => setTimeout(r, 30));
      expect(await t.sandbox.control.flushMessages()).toBe(1);
      expect(t.sandbox.control.listMessages(1)[0]).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(received.at(-1)!.notify_id).toBe(first.notify_id);

      t.sandbox.control.cancelAuthorization(appId);
      await t.sandbox.control.flushMessages();
      const cancelled = received.at(-1)!;
      expect(cancelled).toMatchObject({ msg_method: 'alipay.open.auth.appauth.cancelled', version: '1.1', app_id: t.sandbox.identity.appId });
      expect(sdk.checkNotifySign(cancelled)).toBe(true);
      expect(JSON.parse(cancelled.biz_content)).toMatchObject({ auth_app_id: appId, app_auth_token: detail.app_auth_token, user_id: account.userId });
    } finally {
      receiver.close();
    }
  });
});
