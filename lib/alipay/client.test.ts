import { AlipayFormData, AlipayRequestError } from 'alipay-sdk';
import { describe, expect, it, vi } from 'vitest';
import { exchangeAuthCode } from './auth';
import { clientFromExec, type ExecFn } from './client';
import { modifyBaseInfo } from './base-info';
import { AlipayError, AlipayTransportError } from './errors';
import { listQrRoutes } from './codes';
import { getVersionDetail, listVersions, submitAudit, uploadVersion } from './versions';
import { queryExperience } from './experience';

const scope = { appAuthToken: 'token-1' };
const png = { fileName: 'a.png', content: Buffer.from('png') };

function fakeClient(answer: Record<string, unknown> | Error) {
  const exec = vi.fn<ExecFn>(async () => {
    if (answer instanceof Error) throw answer;
    return { code: '10000', msg: 'Success', traceId: 'trace-1', ...answer } as never;
  });
  return { exec, client: clientFromExec('2021000000000001', exec) };
}

describe('requests', () => {
  it('sends biz_content in snake_case with the merchant token, leaving out unset fields', async () => {
    const { exec, client } = fakeClient({ buildStatus: '1' });
    await uploadVersion({ ...scope, templateId: 'T1', appVersion: '0.0.1', ext: { extEnable: true } }, client);
    expect(exec).toHaveBeenCalledWith(
      'alipay.open.mini.version.upload',
      { timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/), app_auth_token: 'token-1', bizContent: { template_id: 'T1', app_version: '0.0.1', ext: '{"extEnable":true}' } },
      { validateSign: true },
    );
  });

  it('asks for every status when none is named', async () => {
    const { exec, client } = fakeClient({});
    await listVersions({ ...scope, bundleId: 'com.amap.app' }, client);
    const [, params] = exec.mock.calls[0];
    expect(params.bizContent).toEqual({ version_status: 'INIT,AUDITING,AUDIT_REJECT,WAIT_RELEASE,BASE_AUDIT_PASS,GRAY,RELEASE,OFFLINE,AUDIT_OFFLINE', bundle_id: 'com.amap.app' });
  });

  it('always names the client on list and detail queries (§4)', async () => {
    const { exec, client } = fakeClient({ appVersion: '1.0.0', status: 'INIT' });
    await listVersions(scope, client);
    await getVersionDetail({ ...scope, appVersion: '1.0.0' }, client);
    expect(exec.mock.calls.map(([, params]) => (params.bizContent as Record<string, unknown>).bundle_id)).toEqual(['com.alipay.alipaywallet', 'com.alipay.alipaywallet']);
  });

  it('sends the timestamp in Beijing time whatever the process zone (§2)', async () => {
    const { exec, client } = fakeClient({});
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 31, 17, 30, 5), toFake: ['Date'] });
    try {
      await listVersions(scope, client);
    } finally {
      vi.useRealTimers();
    }
    expect(exec.mock.calls[0][1].timestamp).toBe('2026-02-01 01:30:05');
  });

  it('sends audit.apply as top-level multipart fields with numbered screenshots and the logo', async () => {
    const { exec, client } = fakeClient({ speedUp: 'false' });
    await submitAudit(
      {
        ...scope,
        appVersion: '0.0.1',
        versionDesc: 'd'.repeat(30),
        regionType: 'LOCATION',
        serviceRegions: [{ provinceCode: '330000', cityCode: '330100' }],
        miniCategoryIds: ['A_B', 'C_D'],
        servicePhone: '0571-1234567',
        testAccount: 'tester',
        screenshots: [png, png],
        appLogo: png,
        autoOnline: false,
      },
      client,
    );
    const [method, params, options] = exec.mock.calls[0];
    expect(method).toBe('alipay.open.mini.version.audit.apply');
    expect(params).toEqual({});
    const form = options.formData as AlipayFormData;
    const fields = Object.fromEntries(form.getFields().map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({
      app_auth_token: 'token-1',
      app_version: '0.0.1',
      region_type: 'LOCATION',
      mini_category_ids: 'A_B;C_D',
      test_accout: 'tester',
      auto_online: 'false',
    });
    expect(fields.service_region_info).toEqual([{ province_code: '330000', city_code: '330100' }]);
    expect(Object.keys(fields)).not.toContain('app_name');
    expect(form.getFiles().map((f) => f.fieldName)).toEqual(['first_screen_shot', 'second_screen_shot', 'app_logo']);
    expect(options.validateSign).toBe(true);
  });

  it('sends baseinfo.modify without a logo as plain top-level parameters', async () => {
    const { exec, client } = fakeClient({ modifyStatus: 'EFFECTIVE' });
    await expect(modifyBaseInfo({ ...scope, appSlogan: '一句话介绍这个小程序' }, client)).resolves.toEqual({ modifyStatus: 'EFFECTIVE' });
    expect(exec.mock.calls[0][1]).toEqual({ app_slogan: '一句话介绍这个小程序', timestamp: expect.any(String), app_auth_token: 'token-1' });
  });

  it('refuses more than five screenshots before calling', async () => {
    const { exec, client } = fakeClient({});
    expect(() => submitAudit({ ...scope, appVersion: '0.0.1', versionDesc: 'x', regionType: 'CHINA', screenshots: Array(6).fill(png) }, client)).toThrow(RangeError);
    expect(exec).not.toHaveBeenCalled();
  });
});

describe('responses', () => {
  it('parses loosely typed fields into clean types', async () => {
    const { client } = fakeClient({ buildStatus: '2', createStatus: 6, needRotation: 'false', versionCreated: 'True' });
    await expect(uploadVersion({ ...scope, templateId: 'T1', appVersion: '0.0.1' }, client)).resolves.toEqual({
      buildStatus: 2,
      createStatus: 6,
      needRotation: false,
      versionCreated: true,
    });
  });

  it('reads a single-app token answer as one token', async () => {
    const { client } = fakeClient({ userId: '2088', authAppId: '2021', appAuthToken: 'a', appRefreshToken: 'r', expiresIn: 31536000, reExpiresIn: '32140800' });
    const result = await exchangeAuthCode({ code: 'c' }, client);
    expect(result.tokens).toEqual([{ userId: '2088', authAppId: '2021', appAuthToken: 'a', appRefreshToken: 'r', expiresIn: 31536000, reExpiresIn: 32140800 }]);
  });

  it('defaults absent lists to empty', async () => {
    const { client } = fakeClient({ totalItems: '0' });
    await expect(listQrRoutes(scope, client)).resolves.toEqual({ routes: [], totalItems: 0 });
  });

  it('turns a refusal into an AlipayError with the user text', async () => {
    const { client } = fakeClient({ code: '40004', msg: 'Business Failed', subCode: 'DEV_VERSION_EXCEED_MAX_COUNT', subMsg: '超过上限' });
    const err = await uploadVersion({ ...scope, templateId: 'T1', appVersion: '0.0.1' }, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayError);
    expect(err).toMatchObject({
      method: 'alipay.open.mini.version.upload',
      code: '40004',
      subCode: 'DEV_VERSION_EXCEED_MAX_COUNT',
      subMsg: '超过上限',
      traceId: 'trace-1',
      userMessage: '开发版本已达 20 个上限，请先删除不用的开发版本',
    });
  });

  it('keeps the merchant token out of an echoed sign string', async () => {
    const { client } = fakeClient({
      code: '40002',
      msg: 'Invalid Arguments',
      subCode: 'isv.invalid-signature',
      subMsg: '验签出错，网关生成的验签字符串为：app_auth_token=token-1&app_id=2021&biz_content={}',
    });
    const err = (await listVersions(scope, client).catch((e: unknown) => e)) as AlipayError;
    expect(err.subMsg).toContain('app_auth_token=***&');
    expect(`${err.message} ${err.subMsg} ${err.userMessage}`).not.toContain('token-1');
  });

  it('reports an unexpected shape as a bad response, without echoing values', async () => {
    const { client } = fakeClient({ appVersionInfos: [{ appVersion: { nested: 'secret' }, versionStatus: 'INIT' }] });
    const err = await listVersions(scope, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayTransportError);
    expect(err).toMatchObject({ kind: 'bad-response' });
    expect((err as Error).message).toContain('appVersionInfos.0.appVersion');
    expect((err as Error).message).not.toContain('secret');
  });

  it('keeps unknown enum values raw and ignores unknown fields (§8)', async () => {
    const { client } = fakeClient({
      appVersionInfos: [
        { appVersion: '1.0.1', versionStatus: 'PROMOTE_AUDIT_REJECT', surprise: 1 },
        { appVersion: '1.0.0', versionStatus: 'BASE_AUDIT_PASS', canRelease: 'false', baseAudit: 'PASS', promoteAudit: 'REJECT' },
        { appVersion: '0.9.0', versionStatus: 'WAIT_RELEASE' },
      ],
    });
    const list = await listVersions(scope, client);
    expect(list.map((v) => [v.versionStatus, v.canRelease])).toEqual([
      ['PROMOTE_AUDIT_REJECT', undefined],
      ['BASE_AUDIT_PASS', false],
      // Absent can_release stays unknown, never false.
      ['WAIT_RELEASE', undefined],
    ]);
    const detail = fakeClient({ appVersion: '1.0.0', status: 'SOMETHING_NEW', grayStrategy: 'p70', scanResult: 'MAYBE' });
    await expect(getVersionDetail({ ...scope, appVersion: '1.0.0' }, detail.client)).resolves.toMatchObject({ status: 'SOMETHING_NEW', grayStrategy: 'p70', scanResult: 'MAYBE' });
    const exp = fakeClient({ status: 'expVersionUnknown' });
    await expect(queryExperience({ ...scope, appVersion: '1.0.0' }, exp.client)).resolves.toMatchObject({ status: 'expVersionUnknown' });
    const modify = fakeClient({ modifyStatus: 'PENDING_REVIEW' });
    await expect(modifyBaseInfo({ ...scope, appSlogan: '一句足够长的简介文字' }, modify.client)).resolves.toEqual({ modifyStatus: 'PENDING_REVIEW' });
  });

  it('reads a 10000 without business fields as a success with defaults (§8)', async () => {
    const { client } = fakeClient({});
    await expect(uploadVersion({ ...scope, templateId: 'T1', appVersion: '0.0.1' }, client)).resolves.toMatchObject({ buildStatus: 0 });
    await expect(modifyBaseInfo({ ...scope, appSlogan: '一句足够长的简介文字' }, client)).resolves.toEqual({ modifyStatus: undefined });
  });
});

describe('transport failures from alipay-sdk', () => {
  const timeoutCause = Object.assign(new Error('Request timeout for 100 ms'), { name: 'HttpClientRequestTimeoutError' });
  const refusedCause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

  it.each([
    ['timeout', new AlipayRequestError('HttpClient Request error: timeout', { cause: timeoutCause })],
    ['network', new AlipayRequestError('HttpClient Request error: refused', { cause: refusedCause })],
    ['bad-response', new AlipayRequestError('HTTP 请求错误, status: 502')],
    ['bad-response', new AlipayRequestError('Response 格式错误')],
  ] as const)('maps to %s', async (kind, thrown) => {
    const { client } = fakeClient(thrown);
    const err = await listVersions(scope, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayTransportError);
    expect(err).toMatchObject({ kind, method: 'alipay.open.mini.version.list.query' });
  });

  it('passes programming errors through unchanged', async () => {
    const bug = new TypeError('bug');
    const { client } = fakeClient(bug);
    await expect(listVersions(scope, client)).rejects.toBe(bug);
  });
});
