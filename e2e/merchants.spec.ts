import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { BASE_URL, storageStateOf } from './support/env';
import {
  answerAuthorization,
  consoleDbBytes,
  createLinkRow,
  createMerchantRow,
  findMerchantId,
  MerchantDetail,
  MerchantsPage,
  readMerchantApps,
  readMessages,
  sandboxTokens,
  uniqueMobile,
  uniqueTag,
} from './support/merchants';
import { pngBytes } from '../lib/sandbox/testing/png';
import { chooseOption, fieldError, openDialog } from './support/pages';
import { SandboxApi, uniqueMerchant, type SandboxAccount } from './support/sandbox';

const SHOTS = '/tmp/shots';
fs.mkdirSync(SHOTS, { recursive: true });

test.use({ storageState: storageStateOf('owner') });

async function sandboxAccount(label = 'm'): Promise<SandboxAccount & { password: string }> {
  const api = await SandboxApi.asOperator();
  try {
    const input = uniqueMerchant(label);
    return { ...(await api.createAccount(input)), password: input.password };
  } finally {
    await api.dispose();
  }
}

/** A merchant with one authorized mini-program, through the real link → Alipay → callback path. */
async function authorizedMerchant(page: Page, browser: Parameters<typeof answerAuthorization>[0], label: string) {
  const account = await sandboxAccount(label);
  const merchant = createMerchantRow(`${label}商户`);
  const detail = new MerchantDetail(page);
  await detail.open(merchant.id, 'authorization');
  const link = await detail.generateLink();
  const merchantSide = await answerAuthorization(browser, link, account, { authorize: [account.miniApps[0].name] });
  await expect(merchantSide.page.getByTestId('authorize-result')).toHaveText('授权成功');
  await merchantSide.close();
  return { account, merchant, detail, app: account.miniApps[0] };
}

test('staff add a merchant, send the link, and the merchant authorizes two mini-programs', async ({ page, browser, context }) => {
  // The whole journey, staff and merchant, in one test: several pages in two browsers.
  test.slow();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const account = await sandboxAccount('flow');
  const name = `花间集${uniqueTag()}鲜花`;
  const mobile = uniqueMobile();

  const list = new MerchantsPage(page);
  await list.open();
  const dialog = await openDialog(page, '新增商家');
  await dialog.getByLabel('商家名称').fill(name);
  await dialog.getByLabel('联系人').fill('花间');
  await dialog.getByLabel('手机号').fill('12345');
  await dialog.getByLabel('行业').click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('零售购物').click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(fieldError(dialog, '请输入 11 位中国大陆手机号')).toBeVisible();
  expect(findMerchantId(name)).toBeUndefined();
  await dialog.getByLabel('手机号').fill(mobile);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/merchants\/\d+$/);
  const id = findMerchantId(name)!;
  const detail = new MerchantDetail(page);
  await expect(detail.status()).toHaveText('未授权');
  await page.screenshot({ path: `${SHOTS}/merchant-overview-new.png`, fullPage: true });

  await page.getByRole('tab', { name: '授权' }).click();
  await expect(page).toHaveURL(new RegExp(`/merchants/${id}/authorization$`));
  const link = await detail.generateLink();
  await page.getByRole('dialog').getByRole('button', { name: /复制链接/ }).click();
  await expect(page.getByText('链接已复制')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.screenshot({ path: `${SHOTS}/authorization-link-dialog.png` });
  await detail.closeDialog();

  // The merchant, signed out, on a desktop and on a phone.
  const phone = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phonePage = await phone.newPage();
  await phonePage.goto(link);
  await expect(phonePage.getByTestId('authorize-merchant')).toContainText(name);
  await expect(phonePage.getByRole('link', { name: '前往支付宝授权' })).toBeVisible();
  await phonePage.screenshot({ path: `${SHOTS}/authorize-public-phone.png`, fullPage: true });
  await phone.close();

  const merchantSide = await answerAuthorization(browser, link, account, { authorize: account.miniApps.map((m) => m.name) });
  const result = merchantSide.page;
  await expect(result.getByTestId('authorize-result')).toHaveText('授权成功');
  for (const m of account.miniApps) await expect(result.getByText(m.appId)).toBeVisible();
  await result.screenshot({ path: `${SHOTS}/authorize-result-success.png`, fullPage: true });
  await merchantSide.close();

  await page.reload();
  for (const m of account.miniApps) await expect(detail.appRow(m.appId)).toContainText('已授权');
  await expect(detail.status()).toHaveText('已授权');
  await page.screenshot({ path: `${SHOTS}/merchant-authorization-tab.png`, fullPage: true });
  expect(readMerchantApps(id).map((a) => [a.authAppId, a.status, a.appName])).toEqual(account.miniApps.map((m) => [m.appId, 'authorized', m.name]));
  expect(readMessages(id).map((m) => m.type)).toContain('authorization.granted');

  // The tokens are encrypted at rest: none of them appears in the console's database files.
  const tokens = sandboxTokens(account.miniApps.map((m) => m.appId));
  expect(tokens.length).toBeGreaterThanOrEqual(4);
  const bytes = consoleDbBytes();
  for (const token of tokens) expect(bytes.includes(Buffer.from(token)), 'a token in plain text in console.db').toBe(false);

  await list.open();
  await list.search(account.miniApps[1].appId);
  await expect(list.row(name)).toContainText('已授权');
  await expect(page.getByRole('row')).toHaveCount(2);
});

test('the public page of a desktop visitor names the provider and the merchant', async ({ browser }) => {
  const merchant = createMerchantRow('桌面展示');
  const link = createLinkRow(merchant.id);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId('authorize-merchant')).toContainText(merchant.name);
  await expect(page.getByText('Tinyapp 演示服务商').first()).toBeVisible();
  await expect(page.getByText('也可以用支付宝 App 扫描二维码')).toBeVisible();
  expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
  await page.screenshot({ path: `${SHOTS}/authorize-public-desktop.png`, fullPage: true });
  await context.close();
});

test('expired, revoked and unknown links get a clear page, not an error', async ({ browser }) => {
  const merchant = createMerchantRow('过期链接');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto(createLinkRow(merchant.id, { expiresInMs: -60_000 }));
  await expect(page.getByText('授权链接已过期')).toBeVisible();
  await expect(page.getByRole('link', { name: '前往支付宝授权' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/authorize-expired.png`, fullPage: true });
  const revoked = createLinkRow(merchant.id, { revoked: true });
  await page.goto(revoked);
  await expect(page.getByText('授权链接已失效')).toBeVisible();
  // The start route of a dead link leads back to its page instead of to Alipay.
  await page.goto(`${revoked}/start`);
  await expect(page.getByText('授权链接已失效')).toBeVisible();
  const response = await page.goto('/authorize/not-a-real-token');
  expect(response?.status()).toBe(200);
  await expect(page.getByText('授权链接无效')).toBeVisible();
  await context.close();
});

test('a refused authorization records nothing', async ({ browser }) => {
  const account = await sandboxAccount('refuse');
  const merchant = createMerchantRow('拒绝授权');
  const merchantSide = await answerAuthorization(browser, createLinkRow(merchant.id), account, 'refuse');
  await expect(merchantSide.page.getByTestId('authorize-result')).toHaveText('您已取消授权');
  await merchantSide.page.screenshot({ path: `${SHOTS}/authorize-refused.png`, fullPage: true });
  await merchantSide.close();
  expect(readMerchantApps(merchant.id)).toEqual([]);
});

test('a forged state and a reused code end on a clear page with nothing written', async ({ browser }) => {
  const account = await sandboxAccount('forge');
  const merchant = createMerchantRow('伪造状态');
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await context.newPage();
  const api = await SandboxApi.asOperator();
  try {
    // A real code from "Alipay", answered with a state the console never signed.
    const forged = await api.authorize({
      userId: account.userId,
      appIds: [account.miniApps[0].appId],
      redirectUri: `${BASE_URL}/api/alipay/callback`,
      state: 'eyJwIjoiYXV0aG9yaXplLXN0YXRlIiwiZCI6eyJsIjoxfX0.forged-signature',
    });
    await visitor.goto(forged.redirectTo);
    await expect(visitor.getByTestId('authorize-result')).toHaveText('授权请求无效');
    await visitor.screenshot({ path: `${SHOTS}/authorize-forged.png`, fullPage: true });
  } finally {
    await api.dispose();
  }
  expect(readMerchantApps(merchant.id)).toEqual([]);

  // Through the real link once, then the same answer replayed: the state (and the code) work once.
  const merchantSide = await answerAuthorization(browser, createLinkRow(merchant.id), account, { authorize: [account.miniApps[1].name] });
  await expect(merchantSide.page.getByTestId('authorize-result')).toHaveText('授权成功');
  const replay = merchantSide.callbackUrl()!;
  expect(replay).toContain('app_auth_code=');
  await merchantSide.close();
  await visitor.goto(replay);
  await expect(visitor.getByTestId('authorize-result')).toHaveText('授权请求已使用');
  expect(readMerchantApps(merchant.id).map((a) => a.authAppId)).toEqual([account.miniApps[1].appId]);
  await context.close();
});

test('a cancellation on the sandbox page shows up on the merchant and stops its operations', async ({ page, browser }) => {
  const { merchant, detail, app } = await authorizedMerchant(page, browser, 'cancel');
  await page.goto('/sandbox?tab=authorizations');
  const row = page.getByRole('row').filter({ hasText: app.appId }).filter({ hasText: '有效' });
  await row.getByRole('button', { name: '取消授权' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();

  await expect(async () => {
    await detail.open(merchant.id, 'authorization');
    await expect(detail.appRow(app.appId)).toContainText('授权已取消', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByText('商家已在支付宝取消该小程序的授权，所有操作已停止').first()).toBeVisible();
  await expect(detail.status()).toHaveText('授权已取消');
  expect(readMessages(merchant.id).map((m) => m.type)).toContain('authorization.cancelled');
  await page.screenshot({ path: `${SHOTS}/merchant-authorization-cancelled.png`, fullPage: true });

  await detail.open(merchant.id, 'profile');
  await expect(page.getByText('商家已在支付宝取消该小程序的授权，所有操作已停止')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存到支付宝' })).toHaveCount(0);
});

test('a generic name is refused by the pre-audit check; a good profile is saved and read back', async ({ page, browser }) => {
  // An authorization in a second browser, two saves and the platform's read-back: more than the default minute.
  test.setTimeout(120_000);
  const { merchant, detail, app } = await authorizedMerchant(page, browser, 'profile');
  await detail.open(merchant.id, 'profile');
  await expect(page.getByTestId('live-profile')).toContainText(app.name);

  const name = page.getByLabel('小程序名称');
  await name.fill('鲜花预定');
  const audit = page.getByTestId('pre-audit');
  await expect(audit.locator('[data-rule="nameGeneric"]')).toContainText('名称过于宽泛，没有品牌');
  await expect(audit.locator('[data-rule="nameGeneric"]')).toContainText('无法区分经营者');
  await page.getByRole('button', { name: '保存到支付宝' }).click();
  await expect(fieldError(page, '名称过于宽泛，没有品牌')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/merchant-profile-generic.png`, fullPage: true });

  const good = `青禾花坊${uniqueTag().slice(0, 4)}`;
  await name.fill(good);
  await page.getByLabel('简介').fill('每天一束好花，送到您身边');
  await page.getByLabel('描述').fill('提供花束与绿植的在线预订、同城配送和节日定制服务，支持预约送达时间。');
  await page.getByLabel('客服电话').fill('0571-88886666');
  await page.getByLabel('类目').click();
  await page.locator('.ant-cascader-menu-item', { hasText: '零售' }).click();
  await page.locator('.ant-cascader-menu-item', { hasText: '鲜花绿植' }).locator('.ant-cascader-checkbox').click();
  await page.keyboard.press('Escape');
  await expect(audit).toContainText('未发现常见驳回问题');
  // The logo is checked in the browser before anything is uploaded, then sent as multipart with the rest.
  const logo = page.locator('input[type="file"][accept="image/png,image/jpeg"]');
  await logo.setInputFiles({ name: 'wide.png', mimeType: 'image/png', buffer: pngBytes(96, 48) });
  await expect(fieldError(page, 'Logo 必须是正方形（宽高相等）')).toBeVisible();
  await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: pngBytes(96, 96) });
  await expect(page.getByText('待上传：logo.png')).toBeVisible();
  await page.getByRole('button', { name: '保存到支付宝' }).click();
  await expect(page.getByText('资料已保存并立即生效')).toBeVisible();
  await expect(page.getByTestId('live-profile')).toContainText(good);
  await expect(page.getByTestId('live-profile')).toContainText('零售 / 鲜花绿植');
  const history = page.locator('.ant-table-row').filter({ hasText: good });
  await expect(history).toContainText('已生效');
  await expect(history).toContainText('新 Logo（96×96');
  await page.screenshot({ path: `${SHOTS}/merchant-profile.png`, fullPage: true });

  // What the platform itself now holds for the mini-program.
  const accounts = (await (await page.request.get('/sandbox/api/accounts')).json()) as { data: SandboxAccount[] };
  expect(accounts.data.flatMap((a) => a.miniApps).find((m) => m.appId === app.appId)?.name).toBe(good);
});

test('a CSV import previews bad rows, imports the valid ones and reports what was skipped', async ({ page }) => {
  const tag = uniqueTag();
  const existing = createMerchantRow('已有商家');
  const csv = [
    '商家名称,联系人,手机号,邮箱,行业,地址,备注',
    `导入甲${tag},张三,${uniqueMobile()},a@example.com,餐饮美食,杭州,`,
    `导入乙${tag},李四,${uniqueMobile()},,零售购物,,"含,逗号的备注"`,
    `${existing.name},王五,${uniqueMobile()},,零售购物,,`,
    `导入丙${tag},赵六,12345,not-an-email,火星产业,,`,
    `导入甲${tag},钱七,${uniqueMobile()},,餐饮美食,,`,
  ].join('\r\n');
  const list = new MerchantsPage(page);
  await list.open();
  const dialog = await openDialog(page, '导入 CSV');
  await dialog.locator('input[type="file"]').setInputFiles({ name: 'merchants.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`) });
  await expect(dialog.getByText('共 5 行：2 行可导入，3 行有问题将被跳过')).toBeVisible();
  await expect(dialog.getByRole('row').filter({ hasText: existing.name })).toContainText('已有同名商家');
  await expect(dialog.getByRole('row').filter({ hasText: `导入丙${tag}` })).toContainText('“火星产业”不是可识别的行业');
  await expect(dialog.getByRole('row').filter({ hasText: `导入丙${tag}` })).toContainText('请输入 11 位中国大陆手机号');
  await expect(dialog.getByText('与文件中第 2 行重复')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/merchants-import-preview.png` });
  await dialog.getByRole('button', { name: '导入 2 条有效数据' }).click();
  await expect(dialog.getByText('已导入 2 家商家，跳过 3 行')).toBeVisible();
  await dialog.getByRole('button', { name: /确\s*定/ }).click();

  await list.search(tag);
  await expect(list.row(`导入甲${tag}`)).toContainText('餐饮美食');
  await expect(list.row(`导入乙${tag}`)).toBeVisible();
  await expect(list.row(`导入丙${tag}`)).toHaveCount(0);
  expect(findMerchantId(`导入丙${tag}`)).toBeUndefined();
});

test('a duplicate name is refused with a clear message; the list filters, sorts and exports', async ({ page }) => {
  const existing = createMerchantRow('重复检查');
  const list = new MerchantsPage(page);
  await list.open();
  const dialog = await openDialog(page, '新增商家');
  await dialog.getByLabel('商家名称').fill(existing.name);
  await dialog.getByLabel('联系人').fill('重复');
  await dialog.getByLabel('手机号').fill(uniqueMobile());
  await chooseOption(page, dialog.getByLabel('行业'), '餐饮美食');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(fieldError(dialog, '已有同名商家，请勿重复录入')).toBeVisible();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();

  await list.open('?industry=retail&sort=name&order=asc');
  await expect(page.getByRole('columnheader', { name: /商家名称/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.screenshot({ path: `${SHOTS}/merchants-list.png`, fullPage: true });
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /导出 CSV/ }).click();
  const file = await (await download).path();
  const text = fs.readFileSync(file!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain(existing.name);
  expect(text).not.toContain('餐饮美食');
});

test('a merchant without an authorized mini-program is sent to the Authorization tab from Versions', async ({ page }) => {
  const merchant = createMerchantRow('未授权');
  await page.goto(`/merchants/${merchant.id}/versions`);
  await expect(page.getByText('该商户还没有授权小程序')).toBeVisible();
  await page.getByRole('link', { name: /前往授权/ }).click();
  await expect(page).toHaveURL(new RegExp(`/merchants/${merchant.id}/authorization$`));
});
