// The console against a platform that answers oddly (contract §7 "odd answers", §8 tolerance): an unknown version
// status, a dropped optional field, an unknown field and an undocumented modify_status. Nothing crashes; the raw
// value is shown, and only the actions that depend on it are withheld for that row.
// It flips a sandbox-wide fault, so it runs with the other @global-sandbox tests, alone, after the rest.
import { expect, request, test, type APIRequestContext } from '@playwright/test';
import crypto from 'node:crypto';
import { BASE_URL, storageStateOf } from './support/env';
import { authorizedMiniApp, queryConsole, shoot, VersionsTab } from './support/versions';

const brandName = () => `拾光${crypto.randomInt(1000, 9999)}花艺`;

let control: APIRequestContext;
test.beforeAll(async () => {
  control = await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') });
});
test.afterAll(async () => {
  await removeOddAnswers();
  await control.dispose();
});

async function addOddAnswers() {
  const res = await control.post('/sandbox/api/faults', {
    data: { method: '*', latencyMs: 0, jitterMs: 0, errorPercent: 0, errorSubCode: '', hang: false, oddAnswers: true },
  });
  expect(res.status()).toBe(200);
}

async function removeOddAnswers() {
  const faults = ((await (await control.get('/sandbox/api/faults')).json()) as { data: { method: string; oddAnswers?: boolean }[] }).data;
  for (let i = faults.length - 1; i >= 0; i--) {
    if (faults[i].oddAnswers) await control.post('/sandbox/api/faults/remove', { data: { index: i, method: faults[i].method } });
  }
}

test.describe('odd answers from the platform (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('versions tab, drift and profile keep working; the unknown status is shown raw and its row offers nothing @global-sandbox', async ({ page }) => {
    test.setTimeout(180_000);
    const app = await authorizedMiniApp(brandName());
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.upload('1.0.1');

    await addOddAnswers();
    try {
      // The tab re-reads the platform on open (at most every few seconds per mini-program, so a viewer cannot make it
      // call the platform at will): version.list.query now names 1.0.1 PROMOTE_AUDIT_REJECT.
      await expect(async () => {
        await tab.open(app.authAppId);
        await expect(tab.row('1.0.1').getByTestId('version-status')).toHaveText('PROMOTE_AUDIT_REJECT', { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      // Only the details link remains on that row: every operation is withheld.
      await expect(tab.row('1.0.1').getByRole('button')).toHaveText([/详\s*情/]);
      await expect(tab.row('1.0.0').getByRole('button', { name: /删\s*除/ })).toBeEnabled();
      const [stored] = queryConsole<{ status: string }>(`SELECT status FROM mini_app_versions WHERE auth_app_id = ? AND app_version = '1.0.1'`, app.authAppId);
      expect(stored.status).toBe('PROMOTE_AUDIT_REJECT');
      await shoot(page, 'tolerance-versions');

      await page.goto('/drift');
      await expect(page.getByRole('heading', { name: '版本漂移' })).toBeVisible();
      await expect(page.getByText('Application error')).toHaveCount(0);

      // A profile change answered 10000 with an undocumented modify_status is a success, the status shown raw.
      await page.goto(`/merchants/${app.merchantId}/profile`);
      await expect(page.getByTestId('live-profile')).toBeVisible();
      await page.getByLabel('简介').fill('每天一束好花，送到您身边');
      await page.getByLabel('描述').fill('提供花束与绿植的在线预订、同城配送和节日定制服务，支持预约送达时间。');
      await page.getByLabel('客服电话').fill('0571-88886666');
      await page.getByLabel('类目').click();
      await page.locator('.ant-cascader-menu-item', { hasText: '零售' }).click();
      await page.locator('.ant-cascader-menu-item', { hasText: '鲜花绿植' }).locator('.ant-cascader-checkbox').click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: '保存到支付宝' }).click();
      await expect(page.getByText('支付宝已受理资料修改（状态 PENDING_REVIEW）')).toBeVisible();
      await expect(page.locator('.ant-table-row').first()).toContainText('PENDING_REVIEW');
      await shoot(page, 'tolerance-profile');
    } finally {
      await removeOddAnswers();
    }

    // What the platform itself holds: the version is still in development there (the odd value was only the answer).
    await tab.open(app.authAppId);
    await tab.expectStatus('1.0.1', '开发中');
    // And the profile change reached the platform.
    await page.goto(`/merchants/${app.merchantId}/profile`);
    await expect(page.getByTestId('live-profile')).toContainText('每天一束好花，送到您身边');
  });
});
