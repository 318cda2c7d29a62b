// Mini-program management end to end through alipay-sdk: versions, audits and their messages, base info, members, codes.
import crypto from 'node:crypto';
import { AlipayFormData, type AlipaySdk } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderQrPng } from './images';
import { serveSandbox } from './testing/serve';
import { pngBytes } from './testing/png';
import { createTempSandbox, sandboxSdk, type TempSandbox } from './testing/temp-sandbox';

let t: TempSandbox;
let server: { url: string; close(): Promise<void> };
let sdk: AlipaySdk;
const APP_URL = 'http://127.0.0.1:9';
const TEMPLATE_ID = '2021004100000001';

beforeAll(async () => {
  t = createTempSandbox();
  server = await serveSandbox(t.sandbox);
  sdk = sandboxSdk(t.sandbox.identity, server.url);
});
afterAll(async () => {
  await server.close();
  t.dispose();
});

type Result = Record<string, unknown>;
const exec = (method: string, token: string, biz: Record<string, unknown> = {}): Promise<Result> =>
  sdk.exec(method, { appAuthToken: token, bizContent: biz }, { validateSign: true });
const local = (url: string) => url.replace(APP_URL, server.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function merchant(name = `花美${crypto.randomInt(1e6)}`): Promise<{ token: string; appId: string }> {
  const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name }] });
  const appId = account.miniApps[0].appId;
  const { appAuthCode } = t.sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'https://isv.example.com/cb' });
  const r = await sdk.exec('alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code: appAuthCode } }, { validateSign: true });
  return { token: r.appAuthToken as string, appId };
}

async function uploadBuilt(token: string, appVersion: string, extra: Record<string, unknown> = {}): Promise<void> {
  const r = await exec('alipay.open.mini.version.upload', token, { template_id: TEMPLATE_ID, app_version: appVersion, ext: '{"extEnable":true}', ...extra });
  expect(r.code, JSON.stringify(r)).toBe('10000');
  await expect.poll(async () => (await exec('alipay.open.mini.version.build.query', token, { app_version: appVersion })).buildStatus).toBe('2');
}

const GOOD_AUDIT = {
  version_desc: '新增节日花束专区，优化下单流程与配送时间选择功能',
  region_type: 'CHINA',
  app_slogan: '每天一束好花，送到您身边',
  app_desc: '提供鲜花预订与同城配送服务，覆盖杭州主城区，支持指定时间送达。',
  app_category_ids: '1002_100203',
  service_phone: '0571-88880001',
};

async function auditApply(token: string, appVersion: string, fields: Record<string, string> = {}, screenshots = 2): Promise<Result> {
  const form = new AlipayFormData();
  form.addField('app_auth_token', token);
  form.addField('app_version', appVersion);
  for (const [k, v] of Object.entries({ ...GOOD_AUDIT, ...fields })) form.addField(k, v);
  const names = ['first_screen_shot', 'second_screen_shot', 'third_screen_shot'];
  for (let i = 0; i < screenshots; i++) form.addFile(names[i], `${i}.png`, pngBytes(40, 80));
  return sdk.exec('alipay.open.mini.version.audit.apply', {}, { formData: form, validateSign: true });
}

const status = async (token: string, appVersion: string) => (await exec('alipay.open.mini.version.detail.query', token, { app_version: appVersion })).status;

describe('version lifecycle', () => {
  test('upload → build → experience → audit → pass (message) → gray → online → rollback', async () => {
    const { token, appId } = await merchant('花美花艺');

    const up = await exec('alipay.open.mini.version.upload', token, { template_id: TEMPLATE_ID, app_version: '1.0.0', ext: '{"extEnable":true}' });
    expect(up).toMatchObject({ code: '10000', buildStatus: '0', needRotation: 'true' });
    expect(t.sandbox.control.listVersions(appId)[0]).toMatchObject({ templateVersion: '1.0.0', status: 'INIT' });
    await expect.poll(async () => (await exec('alipay.open.mini.version.build.query', token, { app_version: '1.0.0' })).createStatus).toBe('6');

    expect((await exec('alipay.open.mini.experience.query', token, { app_version: '1.0.0' })).status).toBe('notExpVersion');
    expect((await exec('alipay.open.mini.experience.create', token, { app_version: '1.0.0' })).code).toBe('10000');
    expect((await exec('alipay.open.mini.experience.create', token, { app_version: '1.0.0' })).subCode).toBe('CAN_NOT_SET_EXP_REPEAT');
    await expect.poll(async () => (await exec('alipay.open.mini.experience.query', token, { app_version: '1.0.0' })).status).toBe('expVersionPackged');
    const exp = await exec('alipay.open.mini.experience.query', token, { app_version: '1.0.0' });
    expect(exp.expSchemaUrl).toContain(`appId=${appId}`);
    const qr = await fetch(local(exp.expQrCodeUrl as string));
    expect(qr.headers.get('content-type')).toBe('image/png');
    expect((await exec('alipay.open.mini.version.delete', token, { app_version: '1.0.0' })).subCode).toBe('CAN_NOT_DELETE_WITH_EXPERIENCE');

    expect((await auditApply(token, '1.0.0')).code).toBe('10000');
    // The reviewer decides reviewDelayMs later; the next call sees the decision.
    await expect.poll(() => status(token, '1.0.0')).toBe('WAIT_RELEASE');
    const detail = await exec('alipay.open.mini.version.detail.query', token, { app_version: '1.0.0' });
    expect(detail).toMatchObject({ appName: '花美花艺', appSlogan: GOOD_AUDIT.app_slogan, scanResult: 'True', servicePhone: '0571-88880001' });
    expect(detail.screenShotList).toHaveLength(2);
    expect(detail.miniCategoryInfoList).toEqual([{ firstCategoryId: '1002', firstCategoryName: '零售', secondCategoryId: '100203', secondCategoryName: '鲜花绿植', thirdCategoryId: '', thirdCategoryName: '' }]);
    expect(detail.gmtAuditEnd).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const shot = await fetch(local((detail.screenShotList as string[])[0]));
    expect(Buffer.from(await shot.arrayBuffer()).equals(pngBytes(40, 80))).toBe(true);

    const passed = t.sandbox.control.listMessages(5).find((m) => m.name === 'alipay.open.mini.version.audit.passed' && m.authAppId === appId)!;
    expect(passed.params).toMatchObject({ msg_method: 'alipay.open.mini.version.audit.passed', version: '1.1', sign_type: 'RSA2', app_id: t.sandbox.identity.appId });
    expect(JSON.parse(passed.params.biz_content)).toEqual({ mini_app_id: appId, mini_app_version: '1.0.0', bundle_id: 'com.alipay.alipaywallet' });
    expect(sdk.checkNotifySign(passed.params)).toBe(true);

    t.sandbox.control.updateSettings({ grayOptional: false });
    expect((await exec('alipay.open.mini.version.online', token, { app_version: '1.0.0' })).subCode).toBe('CAN_NOT_ONLINE_WITHOUT_GRAY');
    t.sandbox.control.updateSettings({ grayOptional: true });
    expect((await exec('alipay.open.mini.version.gray.online', token, { app_version: '1.0.0', gray_strategy: 'p30' })).code).toBe('10000');
    expect((await exec('alipay.open.mini.version.gray.online', token, { app_version: '1.0.0', gray_strategy: 'p10' })).subCode).toBe('GRAY_STRATEGY_NOT_ALLOW_REDUCE');
    expect((await exec('alipay.open.mini.version.gray.online', token, { app_version: '1.0.0', gray_strategy: 'p50' })).code).toBe('10000');
    expect((await exec('alipay.open.mini.version.detail.query', token, { app_version: '1.0.0' })).grayStrategy).toBe('p50');
    expect((await exec('alipay.open.mini.version.online', token, { app_version: '1.0.0' })).code).toBe('10000');
    expect(await status(token, '1.0.0')).toBe('RELEASE');
    expect((await exec('alipay.open.mini.version.rollback', token, { app_version: '1.0.0' })).subCode).toBe('CAN_NOT_ROLLBACK_WITHOUT_OFFLINE');

    // Second version through the same path, then a rollback to the first.
    await uploadBuilt(token, '1.0.1');
    expect((await exec('alipay.open.mini.version.upload', token, { template_id: TEMPLATE_ID, app_version: '1.0.0' })).subCode).toBe('VERSION_HAS_EXISTED');
    expect((await auditApply(token, '1.0.1')).code).toBe('10000');
    await expect.poll(() => status(token, '1.0.1')).toBe('WAIT_RELEASE');
    expect((await exec('alipay.open.mini.version.gray.online', token, { app_version: '1.0.1', gray_strategy: 'p10' })).code).toBe('10000');
    expect((await exec('alipay.open.mini.version.offline', token, { app_version: '1.0.0' })).subCode).toBe('CAN_NOT_OFFLINE_WITH_GRAY');
    expect((await exec('alipay.open.mini.version.online', token, { app_version: '1.0.1' })).code).toBe('10000');
    expect(await status(token, '1.0.0')).toBe('OFFLINE');
    expect((await exec('alipay.open.mini.version.rollback', token, { app_version: '1.0.1' })).code).toBe('10000');
    expect(await status(token, '1.0.1')).toBe('OFFLINE');
    expect(await status(token, '1.0.0')).toBe('RELEASE');
    expect((await exec('alipay.open.mini.version.rollback', token, { app_version: '1.0.0' })).subCode).toBe('CAN_NOT_CONTINUOUS_ROLLBACK');
    expect((await exec('alipay.open.mini.version.offline', token, { app_version: '1.0.0' })).code).toBe('10000');
    expect(await status(token, '1.0.0')).toBe('OFFLINE');

    // Deleted versions disappear from every query, but still count as uploads.
    await uploadBuilt(token, '1.0.2');
    expect((await exec('alipay.open.mini.version.delete', token, { app_version: '1.0.2' })).code).toBe('10000');
    expect((await exec('alipay.open.mini.version.detail.query', token, { app_version: '1.0.2' })).subCode).toBe('MINIAPP_VERSION_NOT_EXSIT');
    expect((await exec('alipay.open.mini.version.build.query', token, { app_version: '1.0.2' })).subCode).toBe('BUILD_VERSION_NOT_EXISTED');
    expect(t.sandbox.control.countUploads(appId)).toBe(3);
    expect(t.sandbox.control.listVersions(appId).map((v) => v.appVersion)).toEqual(['1.0.1', '1.0.0']);
  });

  test('the reviewer rejects with a reason naming each failed rule, and sends the rejection message', async () => {
    const { token, appId } = await merchant();
    await uploadBuilt(token, '0.1.0');
    expect((await auditApply(token, '0.1.0', { app_name: '鲜花预定', app_desc: '这是测试描述，内容稍后补充完整，请审核人员见谅' })).code).toBe('10000');
    await expect.poll(() => status(token, '0.1.0')).toBe('AUDIT_REJECT');
    const detail = await exec('alipay.open.mini.version.detail.query', token, { app_version: '0.1.0' });
    expect(detail.rejectReason).toMatch(/过于宽泛.*测试/);
    const rejected = t.sandbox.control.listMessages(10).find((m) => m.name === 'alipay.open.mini.version.audit.rejected' && m.authAppId === appId)!;
    expect(JSON.parse(rejected.params.biz_content)).toMatchObject({ mini_app_id: appId, mini_app_version: '0.1.0', audit_reason: detail.rejectReason });
    expect(sdk.checkNotifySign(rejected.params)).toBe(true);

    await uploadBuilt(token, '0.2.0');
    expect((await auditApply(token, '0.2.0')).subCode).toBe('CAN_NOT_SUBMIT_WITH_AUDIT_GRAY');
    expect((await exec('alipay.open.mini.version.audited.cancel', token, { app_version: '0.1.0' })).code).toBe('10000');
    expect(await status(token, '0.1.0')).toBe('INIT');
    expect((await exec('alipay.open.mini.version.audited.cancel', token, { app_version: '0.1.0' })).subCode).toBe('CAN_NOT_BACK_DEV_WITHOUT_AUDIT');
  });

  test('manual review waits for a person; audit.cancel returns to development', async () => {
    t.sandbox.control.updateSettings({ reviewMode: 'manual' });
    try {
      const { token, appId } = await merchant();
      await uploadBuilt(token, '2.0.0');
      expect((await auditApply(token, '2.0.0', {}, 1)).subCode).toBe('SCREEN_SHOT_NUM_IS_INVALID');
      expect((await auditApply(token, '2.0.0', { version_desc: '太短' })).subCode).toBe('INVALID_VERSION_DESC_LENGTH');
      expect((await auditApply(token, '2.0.0')).code).toBe('10000');
      const list = await exec('alipay.open.mini.version.list.query', token, { version_status: 'AUDITING,INIT', bundle_id: 'com.alipay.alipaywallet' });
      expect(list.appVersionInfos).toEqual([expect.objectContaining({ appVersion: '2.0.0', versionStatus: 'AUDITING', bundleId: 'com.alipay.alipaywallet' })]);
      // can_release only for BASE_PROMOTE submissions (§4).
      expect((list.appVersionInfos as object[])[0]).not.toHaveProperty('canRelease');
      // Sandbox rule: without bundle_id, no versions.
      expect((await exec('alipay.open.mini.version.list.query', token, { version_status: 'AUDITING,INIT' })).appVersionInfos).toEqual([]);
      expect((await exec('alipay.open.mini.version.list.query', token, {})).appVersionInfos).toBeUndefined();
      await sleep(80);
      expect(t.sandbox.control.runDueWork().decided).toBe(0);
      expect(await status(token, '2.0.0')).toBe('AUDITING');
      expect(t.sandbox.control.listPendingAudits().find((a) => a.appId === appId)).toMatchObject({ appVersion: '2.0.0', suggestedRejections: [] });

      expect((await exec('alipay.open.mini.version.audit.cancel', token, {})).code).toBe('10000');
      expect(await status(token, '2.0.0')).toBe('INIT');
      expect((await exec('alipay.open.mini.version.audit.cancel', token, {})).subCode).toBe('AUDITING_VERSION_NOT_EXIST');

      expect((await auditApply(token, '2.0.0', { auto_online: 'true' })).code).toBe('10000');
      t.sandbox.control.decideAudit({ appId, appVersion: '2.0.0', pass: true });
      // auto_online: passed and online at once, no gray.
      expect(await status(token, '2.0.0')).toBe('RELEASE');
      expect(() => t.sandbox.control.decideAudit({ appId, appVersion: '2.0.0', pass: false })).toThrow(/不在审核中/);

      await uploadBuilt(token, '2.0.1');
      expect((await auditApply(token, '2.0.1')).code).toBe('10000');
      t.sandbox.control.decideAudit({ appId, appVersion: '2.0.1', pass: false, reason: '截图与功能不符' });
      expect((await exec('alipay.open.mini.version.detail.query', token, { app_version: '2.0.1' })).rejectReason).toBe('截图与功能不符');
    } finally {
      t.sandbox.control.updateSettings({ reviewMode: 'auto' });
    }
  });

  test('upload rules: template ownership and shelf, ext JSON, development version limit', async () => {
    const { token } = await merchant();
    const up = (biz: Record<string, unknown>) => exec('alipay.open.mini.version.upload', token, { template_id: TEMPLATE_ID, app_version: '0.0.1', ...biz });
    expect((await up({ template_id: '' })).subCode).toBe('TEMPLATE_ID_IS_BLANK');
    expect((await up({ template_id: '2021004199999999' })).subCode).toBe('CODE_TEMPLATE_NOT_EXIST');
    expect((await up({ template_id: '2021004199990001' })).subCode).toBe('TEMPLATE_ID_ISVAPPID_NOT_MATCH');
    expect((await up({ template_version: '1.1.0' })).subCode).toBe('TEMPLATE_NOT_ONLINE_OR_OFFLINE');
    expect((await up({ template_version: '9.9.9' })).subCode).toBe('CODE_TEMPLATE_NOT_EXIST');
    expect((await up({ ext: '{not json' })).subCode).toBe('INVALID_EXT_JSON');
    expect((await up({ app_version: 'v1' })).subCode).toBe('INVALID_VERSION');
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '1.1.0', onShelf: true });
    expect((await up({ template_version: '1.1.0' })).code).toBe('10000');
    t.sandbox.control.addTemplateVersion({ templateId: TEMPLATE_ID, version: '1.1.0', onShelf: false });
    expect((await up({ app_version: '0.0.1' })).subCode).toBe('VERSION_HAS_EXISTED');
    for (let i = 2; i <= 20; i++) expect((await up({ app_version: `0.0.${i}` })).code).toBe('10000');
    expect((await up({ app_version: '0.0.21' })).subCode).toBe('DEV_VERSION_EXCEED_MAX_COUNT');
    expect((await up({ app_version: '0.0.0' })).subCode).toBe('LARGER_VERSION_HAS_EXISTED');

    const usage = await sdk.exec('alipay.open.mini.template.usage.query', { bizContent: { template_id: TEMPLATE_ID, template_version: '1.1.0' } }, { validateSign: true });
    expect(usage.templateUsageInfoList).toEqual([expect.objectContaining({ appVersion: '0.0.1' })]);
    const tooBig = await sdk.exec('alipay.open.mini.template.usage.query', { bizContent: { template_id: TEMPLATE_ID, page_size: 51 } }, { validateSign: true });
    expect(tooBig.subCode).toBe('PAGE_SIZE_EXCEED_MAX_QUERY_SIZE');
  });
});

describe('base info', () => {
  test('changes apply at once before going online, after an info review once online; names freeze', async () => {
    const { token, appId } = await merchant('老李花坊');
    const modify = (fields: Record<string, string>) => sdk.exec('alipay.open.mini.baseinfo.modify', { appAuthToken: token, ...fields }, { validateSign: true });
    expect((await modify({})).subCode).toBe('MODIFY_PARAMS_ARE_BLANK');
    expect((await modify({ app_slogan: '好花不贵，送到您家门口' })).subCode).toBe('SERVICE_TEL_AND_MAIL_BOTH_BLANK');
    expect((await modify({ app_name: '老王面馆' })).subCode).toBe('MINI_APP_NAME_DUPLICATE');
    expect((await modify({ app_name: '老李花坊二店', service_phone: '0571-1234567', app_category_ids: '1002_100203' })).modifyStatus).toBe('EFFECTIVE');
    const info = await exec('alipay.open.mini.baseinfo.query', token);
    expect(info).toMatchObject({ appName: '老李花坊二店', servicePhone: '0571-1234567', categoryNames: '零售_鲜花绿植', safeDomains: [] });

    await uploadBuilt(token, '1.0.0');
    expect((await auditApply(token, '1.0.0', { app_name: '老李花坊二店' })).code).toBe('10000');
    await expect.poll(() => status(token, '1.0.0')).toBe('WAIT_RELEASE');
    t.sandbox.control.updateSettings({ grayOptional: true });
    try {
      expect((await exec('alipay.open.mini.version.online', token, { app_version: '1.0.0' })).code).toBe('10000');
    } finally {
      t.sandbox.control.updateSettings({ grayOptional: false });
    }
    expect((await modify({ app_name: '老李花坊三店' })).subCode).toBe('CANNOT_MODIFY_NAME_AFTER_ONLINE');
    t.sandbox.control.updateSettings({ reviewDelayMs: 1000 });
    try {
      expect((await modify({ app_slogan: '老李花坊，好花不贵送到家' })).modifyStatus).toBe('AUDITING');
      expect((await exec('alipay.open.mini.baseinfo.query', token)).appSlogan).toBe(GOOD_AUDIT.app_slogan);
    } finally {
      t.sandbox.control.updateSettings({ reviewDelayMs: 50 });
    }
    await expect.poll(async () => (await exec('alipay.open.mini.baseinfo.query', token)).appSlogan, { timeout: 5000 }).toBe('老李花坊，好花不贵送到家');
    expect(t.sandbox.control.listMiniApps(t.sandbox.control.listAccounts().find((a) => a.miniApps.some((m) => m.appId === appId))!.userId)[0]).toMatchObject({
      everOnline: true,
      authorized: true,
    });
  });

  test('category.query lists the tree with licence flags', async () => {
    const { token } = await merchant();
    const all = (await exec('alipay.open.mini.category.query', token, { is_filter: false })).miniCategoryList as Result[];
    expect(all.find((c) => c.categoryId === '1001')).toMatchObject({ parentCategoryId: '0', hasChild: true });
    expect(all.find((c) => c.categoryId === '100101')).toMatchObject({ parentCategoryId: '1001', needLicense: true, hasChild: false });
    const filtered = (await exec('alipay.open.mini.category.query', token, { is_filter: true })).miniCategoryList as Result[];
    expect(filtered.some((c) => c.needSpecialLicense)).toBe(false);
  });
});

describe('members', () => {
  test('invitations wait for the person; limits and errors', async () => {
    const { token, appId } = await merchant();
    const create = (logon_id: string, role = 'DEVELOPER') => exec('alipay.open.app.members.create', token, { logon_id, role });
    expect((await create('13800000001')).code).toBe('10000');
    expect((await create('13800000001')).subCode).toBe('DEVELOPER_ALREADY_EXSIT');
    expect((await create('13800000001', 'EXPERIENCER')).code).toBe('10000');
    expect((await create('13800000001', 'EXPERIENCER')).subCode).toBe('EXPERIENCER_ALREADY_EXIST');
    expect((await create('13800000001', 'OWNER')).subCode).toBe('INVALID_ROLE');
    expect((await create('not-an-account')).subCode).toBe('INVALID_LOGON_ID');
    expect((await create('nobody@example.com')).subCode).toBe('USER_INFO_NOT_EXIST');
    const owner = t.sandbox.control.listAccounts().find((a) => a.miniApps.some((m) => m.appId === appId))!;
    expect((await create(owner.logonId)).subCode).toBe('CANNOT_INVITE_MANAGER');

    const query = async () => (await exec('alipay.open.app.members.query', token, { role: 'DEVELOPER' })).appMemberInfoList as Result[];
    expect(await query()).toEqual([expect.objectContaining({ logonId: '138****0001', nickName: '开发者小李', role: 'DEVELOPER', status: 'INVITED' })]);
    t.sandbox.control.respondInvitation({ appId, logonId: '13800000001', role: 'DEVELOPER', accept: true });
    const [joined] = await query();
    expect(joined).toMatchObject({ status: 'VALID' });
    expect(joined.gmtJoin).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    t.sandbox.control.respondInvitation({ appId, logonId: '13800000001', role: 'EXPERIENCER', accept: false });
    expect(((await exec('alipay.open.app.members.query', token, { role: 'EXPERIENCER' })).appMemberInfoList as Result[])[0].status).toBe('REFUSED');
    expect((await create('13800000001', 'EXPERIENCER')).subCode).toBe('EXPERIENCER_ALREADY_REFUSED');
    expect((await exec('alipay.open.app.members.delete', token, { role: 'EXPERIENCER' })).subCode).toBe('USER_ID_IS_BLANK');
    // open_id names the member as well as user_id does.
    expect((await exec('alipay.open.app.members.delete', token, { open_id: joined.openId, role: 'EXPERIENCER' })).code).toBe('10000');
    expect((await create('13800000001', 'EXPERIENCER')).code).toBe('10000');

    expect((await exec('alipay.open.app.members.delete', token, { user_id: joined.userId, role: 'DEVELOPER' })).code).toBe('10000');
    expect((await exec('alipay.open.app.members.delete', token, { user_id: joined.userId, role: 'DEVELOPER' })).subCode).toBe('ROLE_NOT_EXSIT');

    for (let i = 0; i < 30; i++) {
      const person = t.sandbox.control.createMerchantAccount({ logonId: `dev${i}-${appId}@example.com` });
      expect((await create(person.logonId)).code).toBe('10000');
    }
    const extra = t.sandbox.control.createMerchantAccount({ logonId: `dev-extra-${appId}@example.com` });
    expect((await create(extra.logonId)).subCode).toBe('ROLE_OVER_LIMIT');
  });
});

describe('codes', () => {
  test('qrcode.create returns real QR images of the mini-program deep link', async () => {
    const { token, appId } = await merchant();
    const r = await exec('alipay.open.app.qrcode.create', token, { url_param: 'pages/index/index', query_param: 'table=8&shop=1', describe: '桌码', size: 's' });
    expect(r.code).toBe('10000');
    const png = Buffer.from(await (await fetch(local(r.qrCodeUrl as string))).arrayBuffer());
    const expected = await renderQrPng(`alipays://platformapi/startapp?appId=${appId}&page=pages/index/index&query=${encodeURIComponent('table=8&shop=1')}`, { size: 's' });
    expect(png.equals(expected)).toBe(true);
    for (const key of ['qrCodeUrlCircleWhite', 'qrCodeUrlCircleBlue']) {
      expect((await fetch(local(r[key] as string))).headers.get('content-type')).toBe('image/png');
    }
    expect((await fetch(`${server.url}/sandbox/qr/code.png?text=${encodeURIComponent('https://evil.example')}`)).status).toBe(404);
  });

  test('route rules: needs a version, verified host, no overlap, at most 20', async () => {
    const { token } = await merchant();
    const bind = (route_url: string, mode = 'FUZZY') => exec('alipay.open.mini.qrcode.bind', token, { route_url, mode, page_redirection: 'pages/index/index' });
    expect((await bind('https://shop.example.com/q')).subCode).toBe('ROUTE_CREATE_NEED_VERSION');
    await exec('alipay.open.mini.version.upload', token, { template_id: TEMPLATE_ID, app_version: '0.0.1' });
    expect((await bind('shop.example.com/q')).subCode).toBe('QRCODE_ROUTE_URL_INVALID');
    expect((await bind('https://shop.invalid/q')).subCode).toBe('HOST_VERIFY_FAILD');
    const first = await bind('https://shop.example.com/q');
    expect(first.routeGroup).toMatch(/^[0-9a-f]{32}$/);
    expect((await bind('https://shop.example.com/q/table')).subCode).toBe('ROUTE_RULE_CONFLICT');
    expect((await bind('https://shop.example.com/q/table', 'EXACT')).code).toBe('10000');
    for (let i = 0; i < 18; i++) expect((await bind(`https://shop.example.com/t${i}/`)).code).toBe('10000');
    expect((await bind('https://other.example.com/')).subCode).toBe('ROUTE_OVER_LIMIT');

    const page1 = await exec('alipay.open.mini.qrcode.query', token, { page_no: 1, page_size: 10 });
    expect(page1.totalItems).toBe(20);
    expect((page1.qrCodeRouteGroups as Result[])[0]).toEqual({ routeGroup: first.routeGroup, routeUrl: 'https://shop.example.com/q', mode: 'FUZZY' });
    expect(((await exec('alipay.open.mini.qrcode.query', token, { page_no: 2, page_size: 10 })).qrCodeRouteGroups as Result[]).length).toBe(10);
    expect((await exec('alipay.open.mini.qrcode.query', token, { page_size: 11 })).code).toBe('40002');

    expect((await exec('alipay.open.mini.qrcode.unbind', token, { route_group: first.routeGroup })).code).toBe('10000');
    expect((await exec('alipay.open.mini.qrcode.unbind', token, { route_group: first.routeGroup })).subCode).toBe('ROUTE_GROUP_NOT_EXIST');
    expect((await bind('https://other.example.com/')).code).toBe('10000');
  });

  test('template QR hosts and PATTERN rules (rev 2)', async () => {
    const { token, appId } = await merchant();
    const bind = (route_url: string) => exec('alipay.open.mini.qrcode.bind', token, { route_url, mode: 'EXACT', page_redirection: 'pages/index/index' });
    await exec('alipay.open.mini.version.upload', token, { template_id: TEMPLATE_ID, app_version: '0.0.1' });
    t.sandbox.control.setTemplateQrHosts({ templateId: TEMPLATE_ID, hosts: ['QR.example.com'] });
    try {
      expect((await bind('https://shop.example.com/a')).subCode).toBe('TEMPLATE_NOT_HAVE_HOST');
      expect((await bind('https://qr.example.com/a')).code).toBe('10000');
    } finally {
      t.sandbox.control.setTemplateQrHosts({ templateId: TEMPLATE_ID, hosts: [] });
    }
    expect((await bind('https://shop.example.com/a')).code).toBe('10000');

    const { routeGroup } = t.sandbox.control.addPatternRoute({ appId, routeUrl: 'https://shop.example.com/p/{0}', routePattern: '/p/{0}', pageRedirection: 'pages/p/p' });
    const listed = (await exec('alipay.open.mini.qrcode.query', token, {})).qrCodeRouteGroups as Result[];
    expect(listed).toContainEqual({ routeGroup, routeUrl: 'https://shop.example.com/p/{0}', mode: 'PATTERN' });
    // A pattern rule is removed only with its URL as well.
    expect((await exec('alipay.open.mini.qrcode.unbind', token, { route_group: routeGroup })).subCode).toBe('ROUTE_GROUP_NOT_EXIST');
    expect((await exec('alipay.open.mini.qrcode.unbind', token, { route_group: routeGroup, route_url: 'https://shop.example.com/p/{0}' })).code).toBe('10000');
  });
});

describe('message delivery', () => {
  test('undeliverable messages are retried 5 times with growing delay, then given up; the ticker does it', async () => {
    t.sandbox.control.updateSettings({ notifyUrl: 'http://127.0.0.1:9/api/alipay/notify' });
    t.sandbox.start();
    try {
      const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: '投递测试' }] });
      t.sandbox.control.authorize({ userId: account.userId, appIds: [account.miniApps[0].appId], redirectUri: 'https://isv.example.com/cb' });
      const mine = () => t.sandbox.control.listMessages(50).find((m) => m.authAppId === account.miniApps[0].appId)!;
      await expect.poll(() => mine().status, { timeout: 10_000 }).toBe('given_up');
      expect(mine().attempts).toBe(6);
      expect(mine().lastError).toBeTruthy();
    } finally {
      t.sandbox.stop();
    }
  });

  test('with delivery off, messages are recorded as dropped', () => {
    t.sandbox.control.updateSettings({ messageDelivery: 'off' });
    try {
      const account = t.sandbox.control.createMerchantAccount({ miniApps: [{ name: '丢失测试' }] });
      t.sandbox.control.authorize({ userId: account.userId, appIds: [account.miniApps[0].appId], redirectUri: 'https://isv.example.com/cb' });
      expect(t.sandbox.control.listMessages(1)[0].status).toBe('dropped');
    } finally {
      t.sandbox.control.updateSettings({ messageDelivery: 'on' });
    }
  });
});
