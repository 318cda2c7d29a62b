// Contract revision 2 journeys: a merchant in a category that needs a licence (餐饮 › 中餐正餐: business licence and
// shop-front photo) is warned by the pre-audit check, supplies the qualifications in the wizard and passes audit —
// checked against what the platform received; and a mini-program without ICP filing goes online only as the
// restricted release staff choose.
import { expect, request, test, type Locator, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, storageStateOf } from './support/env';
import { authorizedMiniApp, label, screenshotPng, VersionsTab } from './support/versions';

const SHOTS = '/tmp/shots-contract';
const brandName = () => `知味${crypto.randomInt(1000, 9999)}小馆`;

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The sandbox's own records (what the platform received), through its JSON control surface. */
async function platform() {
  const api = await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') });
  return {
    async versions(appId: string) {
      const r = await api.get(`/sandbox/api/versions?appId=${appId}`);
      expect(r.status()).toBe(200);
      return ((await r.json()) as { data: Record<string, unknown>[] }).data;
    },
    async miniApp(appId: string) {
      const r = await api.get(`/sandbox/api/mini-apps?appId=${appId}`);
      expect(r.status()).toBe(200);
      return ((await r.json()) as { data: { icpFiled: boolean; registrationLimitRelease: boolean; everOnline: boolean } }).data;
    },
    async setIcpFiled(appId: string, filed: boolean) {
      const r = await api.post('/sandbox/api/mini-apps/icp', { data: { appId, filed } });
      expect(r.status()).toBe(200);
    },
    dispose: () => api.dispose(),
  };
}

async function chooseCategory(page: Page, dialog: Locator, path: string[], fieldLabel = '类目') {
  const field = dialog.locator('.ant-form-item').filter({ hasText: fieldLabel }).locator('.ant-select').first();
  const menus = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(async () => {
    await field.click();
    await expect(menus).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  for (const name of path) await menus.locator('.ant-cascader-menu-item', { hasText: name }).first().click();
  await page.keyboard.press('Escape');
}

const png = async (text: string) => ({ name: `${text}.png`, mimeType: 'image/png', buffer: await screenshotPng(text) });

test.describe('qualifications and ICP filing (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('a restaurant is warned about its licence before submitting, supplies it in the wizard and passes audit', async ({ page }) => {
    test.setTimeout(360_000);
    const app = await authorizedMiniApp(brandName());
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');

    await tab.row('1.0.0').getByRole('button', { name: '提交审核' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '提交审核 · 版本 1.0.0' });
    await dialog.getByText('我已阅读并同意以上须知').click();
    await dialog.getByRole('button', { name: '下一步' }).click();
    await dialog.getByLabel('版本描述').fill('上线堂食点餐与外带预订功能，优化菜单浏览与下单流程，修复已知问题');
    await dialog.getByText('修改小程序信息（可选，不填则沿用当前资料）').click();
    await dialog.getByLabel('设置新的客服电话和邮箱').check();
    await dialog.getByRole('textbox', { name: '客服电话' }).fill('0571-88886666');
    await chooseCategory(page, dialog, ['餐饮', '中餐正餐']);

    // The pre-audit check warns before anything is sent; the wizard asks exactly for what the category needs.
    const preAudit = dialog.getByTestId('pre-audit');
    await expect(preAudit).toContainText('需要营业执照');
    const qualifications = dialog.getByTestId('qualifications');
    await expect(qualifications).toContainText('营业执照');
    await expect(qualifications).toContainText('门头照');
    await expect(qualifications.getByText('特殊行业许可证', { exact: true })).toHaveCount(0);
    await shoot(page, 'qualifications-zh-1-warned');

    await qualifications.getByLabel('营业执照编号').fill('91330106MA2KXXXX1Q');
    await qualifications.getByLabel('营业执照名称').fill('杭州知味餐饮管理有限公司');
    await qualifications.getByText('长期', { exact: true }).click();
    await qualifications.locator('.ant-form-item').filter({ hasText: '营业执照照片' }).locator('input[type=file]').setInputFiles([await png('licence')]);
    // Licence complete: the warning moves on to the shop-front photo, then goes.
    await expect(preAudit).toContainText('需要门头照');
    await qualifications.locator('.ant-form-item').filter({ hasText: '门头照' }).locator('input[type=file]').setInputFiles([await png('door')]);
    await expect(preAudit).not.toContainText('营业执照');
    await expect(preAudit).not.toContainText('门头照');
    await shoot(page, 'qualifications-zh-2-supplied');

    await dialog.getByRole('button', { name: '下一步' }).click();
    const confirm = dialog.getByTestId('audit-confirm');
    await expect(confirm).toContainText('91330106MA2KXXXX1Q');
    await expect(confirm).toContainText('长期');
    await shoot(page, 'qualifications-zh-3-confirm');
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await tab.expectStatus('1.0.0', '待上架', 60_000);

    // What the platform received with audit.apply, and what its reviewer decided.
    const p = await platform();
    const [received] = await p.versions(app.authAppId);
    expect(received).toMatchObject({
      appVersion: '1.0.0',
      status: 'WAIT_RELEASE',
      categoryIds: '1001_100101',
      licenseNo: '91330106MA2KXXXX1Q',
      licenseName: '杭州知味餐饮管理有限公司',
      licenseValidDate: '9999-12-31',
      licensePicCount: 1,
      outDoorPicCount: 1,
      specialLicensePicCount: 0,
    });
    await p.dispose();
  });

  test('the qualification step in English', async ({ page, baseURL }) => {
    test.setTimeout(360_000);
    const app = await authorizedMiniApp(brandName());
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await page.context().addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
    await tab.open(app.authAppId);
    await tab.row('1.0.0').getByRole('button', { name: 'Submit for audit' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Submit version 1.0.0 for audit' });
    await dialog.getByText('I have read and accept the above').click();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByText('Change the profile (optional; empty keeps the current one)').click();
    await chooseCategory(page, dialog, ['餐饮', '中餐正餐'], 'Categories');
    await expect(dialog.getByTestId('pre-audit')).toContainText('needs a business licence');
    await expect(dialog.getByTestId('qualifications')).toContainText('Licence number');
    await shoot(page, 'qualifications-en-1-warned');
  });

  test('without ICP filing, online is explained and goes ahead only as the restricted release staff choose', async ({ page }) => {
    test.setTimeout(360_000);
    const app = await authorizedMiniApp(brandName().replace('小馆', '花艺'));
    const p = await platform();
    await p.setIcpFiled(app.authAppId, false);
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.submitForAudit('1.0.0', { servicePhone: '0571-88886666', category: ['零售', '鲜花绿植'] });
    await tab.expectStatus('1.0.0', '待上架', 60_000);
    await tab.gray('1.0.0', 10);

    // The confirmation of "online" gives way to the platform's refusal, explained, with the choice it allows.
    const online = async () => {
      await tab.row('1.0.0').getByRole('button', { name: label('全量上架') }).click();
      await page.getByRole('dialog', { name: /全量上架版本 1\.0\.0/ }).getByRole('button', { name: /确\s*定/ }).click();
      const icp = page.getByRole('dialog', { name: /不能正式上架/ });
      await expect(icp.getByTestId('icp-refusal')).toContainText('ICP 备案');
      return icp;
    };
    const first = await online();
    await expect(first).toContainText('受限发布');
    await shoot(page, 'icp-zh-refused');
    await first.getByRole('button', { name: label('暂不上架') }).click();
    await expect(first).toBeHidden();
    await tab.expectStatus('1.0.0', '灰度中 10%');
    expect((await p.versions(app.authAppId))[0]).toMatchObject({ status: 'GRAY' });

    const second = await online();
    await second.getByRole('button', { name: label('受限发布') }).click();
    await tab.expectStatus('1.0.0', '已上架');
    expect((await p.versions(app.authAppId))[0]).toMatchObject({ status: 'RELEASE' });
    expect(await p.miniApp(app.authAppId)).toMatchObject({ icpFiled: false, registrationLimitRelease: true, everOnline: true });
    await p.dispose();
  });
});
