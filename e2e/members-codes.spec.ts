import { expect, test, type Browser } from '@playwright/test';
import type { AlipaySdk } from 'alipay-sdk';
import { BASE_URL, storageStateOf } from './support/env';
import { CodesTab, MembersTab, PlatformRecords } from './support/members-codes';
import JSZip from 'jszip';
import { answerAuthorization, createLinkRow, createMerchantRow, recordAuthorizedMerchant, sandboxTokens } from './support/merchants';
import { chooseOption, expectOnBatchPage, fieldError, Shell } from './support/pages';
import { applyForAudit, exchangeAuthCode, isvSdk, SandboxApi, SandboxPage, uniqueMerchant, uploadBuiltVersion, type SandboxAccount } from './support/sandbox';
import { label, Platform, queryConsole, shoot } from './support/versions';

test.beforeAll(async () => {
  const platform = await Platform.asOperator();
  await platform.settings({ reviewMode: 'auto', invitationAutoAccept: false });
  await platform.dispose();
});

async function sandboxAccount(tag: string): Promise<SandboxAccount & { password: string }> {
  const api = await SandboxApi.asOperator();
  try {
    const input = uniqueMerchant(tag);
    return { ...(await api.createAccount(input)), password: input.password };
  } finally {
    await api.dispose();
  }
}

/** A merchant whose owner authorizes one mini-program on the sandbox's Alipay pages, through the console's link. */
async function authorizedThroughSandbox(browser: Browser) {
  const owner = await sandboxAccount('mc');
  const merchant = createMerchantRow('成员码测试商户');
  const link = createLinkRow(merchant.id);
  const merchantSide = await answerAuthorization(browser, `${BASE_URL}${link}`, owner, { authorize: [owner.miniApps[0].name] });
  await expect(merchantSide.page.getByTestId('authorize-result')).toHaveText('授权成功');
  await merchantSide.close();
  return { merchant, appId: owner.miniApps[0].appId, appName: owner.miniApps[0].name };
}

async function exec(sdk: AlipaySdk, method: string, token: string, bizContent: Record<string, unknown>) {
  const r = await sdk.exec(method, { appAuthToken: token, bizContent }, { validateSign: true });
  expect(r.code, `${method}: ${r.subCode ?? ''} ${r.subMsg ?? ''}`).toBe('10000');
  return r;
}

/** Puts version 1.0.0 online on the platform (upload, audit passed by the reviewer, gray, online). */
async function putOnline(appId: string) {
  const { sdk, templateId } = isvSdk();
  const [token] = sandboxTokens([appId]);
  await uploadBuiltVersion(sdk, token, templateId, '1.0.0');
  await applyForAudit(sdk, token, '1.0.0');
  await expect
    .poll(async () => (await sdk.exec('alipay.open.mini.version.detail.query', { appAuthToken: token, bizContent: { app_version: '1.0.0', bundle_id: 'com.alipay.alipaywallet' } })).status, {
      timeout: 30_000,
    })
    .toBe('WAIT_RELEASE');
  await exec(sdk, 'alipay.open.mini.version.gray.online', token, { app_version: '1.0.0', gray_strategy: 'p10' });
  await exec(sdk, 'alipay.open.mini.version.online', token, { app_version: '1.0.0' });
}

const operations = (appId: string) =>
  queryConsole<{ action: string; result: string }>(
    `SELECT action, result FROM operation_logs WHERE target_id = ? AND (action LIKE 'members.%' OR action LIKE 'codes.%') ORDER BY id`,
    appId,
  ).map((r) => `${r.action}:${r.result}`);

test.describe('members and codes (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('invite, accept in Alipay, remove; page code; ordinary-QR rules with overlap and tester', async ({ page, browser }) => {
    test.setTimeout(240_000);
    const { merchant, appId } = await authorizedThroughSandbox(browser);
    const developer = await sandboxAccount('dev');
    const tester = await sandboxAccount('exp');
    const platform = await PlatformRecords.open();

    // ── Members ──
    const members = new MembersTab(page);
    await members.open(merchant.id, appId);
    await expect(members.count('DEVELOPER')).toHaveText('0/30');
    await expect(members.count('EXPERIENCER')).toHaveText('0/50');

    let dialog = await members.invite('DEVELOPER', developer.logonId, '前端 小周');
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    dialog = await members.invite('EXPERIENCER', tester.logonId, '运营 小吴');
    await expect(dialog).toBeHidden({ timeout: 15_000 });

    // Pending, with the remark, the masked account the platform returns and who invited them.
    const devRow = members.row('DEVELOPER', '前端 小周');
    await expect(devRow).toContainText('待接受');
    await expect(devRow).toContainText(`${developer.logonId.slice(0, 3)}***@sandbox.test`);
    await expect(devRow).toContainText('operator');
    await expect(members.row('EXPERIENCER', '运营 小吴')).toContainText('待接受');
    await expect(members.count('DEVELOPER')).toHaveText('1/30');
    await expect(page.getByText('对方需要在支付宝 App 中收到的邀请消息里点击确认')).toBeVisible();
    expect(await platform.members(appId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: developer.userId, role: 'DEVELOPER', status: 'INVITED' }),
        expect.objectContaining({ userId: tester.userId, role: 'EXPERIENCER', status: 'INVITED' }),
      ]),
    );

    // The platform refuses a second invitation: the reason is on the account field, in Chinese.
    await members.inviteRefused('DEVELOPER', developer.logonId, '该账号已是开发者');
    await shoot(page, 'members-pending');

    // The developer accepts in "Alipay" (the sandbox page).
    const sandboxPage = await browser.newPage({ storageState: storageStateOf('operator') });
    await new SandboxPage(sandboxPage).open('invitations');
    const invitation = sandboxPage.getByRole('row').filter({ hasText: developer.logonId });
    await invitation.getByRole('button', { name: label('接受') }).click();
    await expect(invitation).toContainText('已加入');
    await sandboxPage.close();

    await members.open(merchant.id, appId);
    await expect(members.row('DEVELOPER', '前端 小周')).toContainText('已加入');

    await members.remove('EXPERIENCER', '运营 小吴');
    await expect(members.count('EXPERIENCER')).toHaveText('0/50');
    const onPlatform = await platform.members(appId);
    expect(onPlatform.map((m) => `${m.role}:${m.userId}:${m.status}`)).toEqual([`DEVELOPER:${developer.userId}:VALID`]);
    await shoot(page, 'members-joined');

    // ── Codes: nothing online yet ──
    const codes = new CodesTab(page);
    await codes.open(merchant.id, appId);
    await codes.generate({ page: 'pages/index/index', describe: '门店桌码' });
    await expect(fieldError(codes.form(), '小程序还没有线上版本')).toBeVisible();

    await putOnline(appId);
    await codes.open(merchant.id, appId);
    await codes.generate({ page: 'pages/shop/shop', query: 'table=8', describe: '8 号桌' });
    const images = page.getByTestId('code-images');
    await expect(images.locator('img')).toHaveCount(3, { timeout: 15_000 });
    await expect(page.getByTestId('code-history').getByRole('row').filter({ hasText: '8 号桌' })).toContainText('pages/shop/shop?table=8');
    const [download] = await Promise.all([page.waitForEvent('download'), images.getByRole('link', { name: /下\s*载/ }).first().click()]);
    const bytes = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(bytes).subarray(1, 4).toString()).toBe('PNG');
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    // What the platform drew encodes what it received: the page and the query.
    const [stored] = queryConsole<{ url: string }>(`SELECT qr_code_url AS url FROM page_codes pc JOIN merchant_apps ma ON ma.id = pc.merchant_app_id WHERE ma.auth_app_id = ?`, appId);
    expect(new URL(stored.url).searchParams.get('text')).toBe(`alipays://platformapi/startapp?appId=${appId}&page=pages/shop/shop&query=${encodeURIComponent('table=8')}`);
    expect((await platform.requests(appId, 'alipay.open.app.qrcode.create')).map((r) => r.code)).toEqual(['10000']);
    await shoot(page, 'codes-page-code');

    // ── Ordinary-QR rules ──
    const host = `shop-${appId.slice(-6)}.example.com`;
    await codes.open(merchant.id, appId, 'routes');
    await page.getByRole('tab', { name: '关联普通二维码' }).click();
    await expect(page.getByTestId('routes-count')).toHaveText('0/20');
    dialog = await codes.addRule({ url: `https://${host}/table/`, mode: '前缀匹配', page: 'pages/table/table' });
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    dialog = await codes.addRule({ url: `https://${host}/menu`, mode: '精确匹配', page: 'pages/menu/menu' });
    await expect(dialog).toBeHidden({ timeout: 15_000 });
    await expect(page.getByTestId('routes-count')).toHaveText('2/20');

    // An overlapping third is refused before it is sent.
    const bindsBefore = (await platform.requests(appId, 'alipay.open.mini.qrcode.bind')).length;
    dialog = await codes.addRule({ url: `https://${host}/table/8`, mode: '前缀匹配', page: 'pages/table/table' });
    await expect(fieldError(dialog, `与已有规则 https://${host}/table/（FUZZY）重复或重叠`)).toBeVisible();
    await dialog.getByRole('button', { name: label('取消') }).click();
    expect((await platform.requests(appId, 'alipay.open.mini.qrcode.bind')).length).toBe(bindsBefore);
    expect((await platform.routes(appId)).map((r) => `${r.mode} ${r.routeUrl} → ${r.pageRedirection}`).sort()).toEqual([
      `EXACT https://${host}/menu → pages/menu/menu`,
      `FUZZY https://${host}/table/ → pages/table/table`,
    ]);

    // The tester: which rule a scanned URL hits and which page opens.
    await page.getByLabel('二维码地址').fill(`https://${host}/table/12?from=poster`);
    await expect(page.getByTestId('tester-result')).toContainText(`命中规则 https://${host}/table/（前缀匹配）`);
    await expect(page.getByTestId('tester-result')).toContainText('打开页面 pages/table/table');
    await page.getByLabel('二维码地址').fill(`https://${host}/about`);
    await expect(page.getByTestId('tester-result')).toContainText('没有规则命中');
    await shoot(page, 'codes-routes');

    await codes.removeRule(`https://${host}/menu`);
    await expect(page.getByTestId('routes-count')).toHaveText('1/20');
    expect((await platform.routes(appId)).map((r) => r.routeUrl)).toEqual([`https://${host}/table/`]);

    // A PATTERN rule made elsewhere: shown with its mode, its page unknown to the console, matched by the tester,
    // and removable (the platform needs its URL as well).
    await platform.injectPattern(appId, `https://${host}/item/{0}`, '/item/{0}', 'pages/item/item');
    await codes.open(merchant.id, appId, 'routes');
    const patternRow = codes.routesTable().getByRole('row').filter({ hasText: `https://${host}/item/{0}` });
    await expect(patternRow).toContainText('模式匹配');
    await expect(patternRow).toContainText('未知');
    await page.getByLabel('二维码地址').fill(`https://${host}/item/42`);
    await expect(page.getByTestId('tester-result')).toContainText('（模式匹配）');
    await codes.removeRule(`https://${host}/item/{0}`);
    expect((await platform.routes(appId)).map((r) => r.routeUrl)).toEqual([`https://${host}/table/`]);

    // Every change is in the operation log, refusals included.
    expect(operations(appId)).toEqual([
      'members.invite:ok',
      'members.invite:ok',
      'members.invite:error',
      'members.remove:ok',
      'codes.generate:error',
      'codes.generate:ok',
      'codes.bindRoute:ok',
      'codes.bindRoute:ok',
      'codes.bindRoute:error',
      'codes.unbindRoute:ok',
      'codes.unbindRoute:ok',
    ]);

    // The same pages in English.
    await new Shell(page).switchLanguage('English');
    await members.open(merchant.id, appId);
    await expect(members.list('DEVELOPER')).toContainText('Joined');
    await shoot(page, 'members-en');
    await codes.open(merchant.id, appId);
    await shoot(page, 'codes-en');
    await new Shell(page).switchLanguage('简体中文');

    // The overview's basic-info card shows the online version and its QR code.
    await page.goto(`/merchants/${merchant.id}`);
    const card = page.getByTestId(`base-info-${appId}`);
    await expect(card).toContainText('已上架 1.0.0');
    await expect(card.getByRole('img', { name: '小程序二维码' })).toBeVisible();
    await shoot(page, 'overview-base-info');
    await platform.dispose();
  });
});

test.describe('members and codes (viewer)', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('a viewer reads the lists and is offered no change', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const { merchant, appId } = await authorizedThroughSandbox(browser);
    const members = new MembersTab(page);
    await members.open(merchant.id, appId);
    await expect(members.count('DEVELOPER')).toHaveText('0/30');
    await expect(page.getByRole('button', { name: '邀请开发成员' })).toHaveCount(0);
    const codes = new CodesTab(page);
    await codes.open(merchant.id, appId);
    await expect(page.getByTestId('page-code-form')).toHaveCount(0);
    await page.getByRole('tab', { name: '关联普通二维码' }).click();
    await expect(page.getByRole('button', { name: '添加规则' })).toHaveCount(0);
  });
});

test.describe('page-code batch (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  /** A merchant authorized on the platform and recorded in the console (the authorization journey is tested above). */
  async function recordedMerchant(tag: string) {
    const sandbox = await SandboxApi.asOperator();
    const m = uniqueMerchant(tag);
    const account = await sandbox.createAccount(m);
    const app = account.miniApps[0];
    const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
    await sandbox.dispose();
    const tokens = await exchangeAuthCode(isvSdk().sdk, appAuthCode);
    recordAuthorizedMerchant({ name: m.name, userId: account.userId, appId: app.appId, appName: app.name, token: tokens.get(app.appId)! });
    return { name: m.name, appId: app.appId };
  }

  test('one code for the same page across merchants, downloaded as one zip named by merchant', async ({ page }) => {
    test.setTimeout(180_000);
    const online = await recordedMerchant('pc');
    const offline = await recordedMerchant('pc');
    await putOnline(online.appId);

    await page.goto('/batches/new');
    await chooseOption(page, page.getByRole('combobox', { name: '操作' }), '生成小程序码');
    await page.getByLabel('页面路径').fill('pages/index/index');
    await page.getByLabel('页面参数').fill('from=poster');
    await page.getByLabel('码描述').fill('海报码');
    await page.getByRole('button', { name: '下一步' }).click();
    for (const m of [online, offline]) await page.getByRole('row', { name: new RegExp(m.name) }).getByRole('checkbox').check();
    await page.getByRole('button', { name: '运行预检' }).click();
    await expect(page.getByText('将执行 2 个，跳过 0 个')).toBeVisible();
    await page.getByRole('button', { name: '开始批量任务' }).click();
    await expectOnBatchPage(page);
    await expect(page.getByRole('row', { name: new RegExp(online.name) })).toContainText('成功', { timeout: 45_000 });
    await expect(page.getByRole('row', { name: new RegExp(offline.name) })).toContainText('失败', { timeout: 45_000 });
    await expect(page.getByRole('row', { name: new RegExp(offline.name) })).toContainText('没有线上版本');
    await shoot(page, 'batch-page-code');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载全部小程序码/ }).click()]);
    const zip = await JSZip.loadAsync(Buffer.concat(await (await download.createReadStream()).toArray()));
    const files = Object.keys(zip.files).filter((f) => !f.endsWith('/'));
    expect(files.sort()).toEqual(['blue', 'square', 'white'].map((k) => `${online.name}_${online.appId}/海报码-${k}.png`));
    // The code is in the merchant's own history, under the batch.
    const history = queryConsole<{ describe: string; batchId: number | null }>(
      `SELECT describe, batch_id AS batchId FROM page_codes pc JOIN merchant_apps ma ON ma.id = pc.merchant_app_id WHERE ma.auth_app_id = ?`,
      online.appId,
    );
    expect(history).toEqual([{ describe: '海报码', batchId: Number(page.url().split('/').pop()) }]);
  });
});
