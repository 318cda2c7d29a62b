// Batch operations: an operator instantiates a template into an authorized merchant's mini-program from the wizard
// and watches it finish; irreversible batches need the typed confirmation; the built version then goes to audit
// with one shared audit form. The batch worker is the one the server
// starts with itself.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { storageStateOf } from './support/env';
import { recordAuthorizedMerchant } from './support/merchants';
import { chooseOption, fieldError } from './support/pages';
import { exchangeAuthCode, isvSdk, SandboxApi, uniqueMerchant } from './support/sandbox';
import { screenshotPng, shoot, VersionsTab } from './support/versions';

test.use({ storageState: storageStateOf('operator') });
test.describe.configure({ mode: 'serial' });

let merchantName: string;
let authAppId: string;

async function chooseCategory(page: Page, scope: Locator, [first, second]: [string, string]) {
  const field = scope.locator('.ant-form-item').filter({ hasText: '类目' }).locator('.ant-select').first();
  const menus = page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(async () => {
    await field.click();
    await expect(menus).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  // The dropdown may still be moving into place when it first shows: click until the second column opens.
  await expect(async () => {
    await menus.locator('.ant-cascader-menu-item', { hasText: first }).first().click();
    await expect(menus.locator('.ant-cascader-menu-item', { hasText: second }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await menus.locator('.ant-cascader-menu-item', { hasText: second }).first().click();
  await page.keyboard.press('Escape');
}

test.beforeAll(async () => {
  const sandbox = await SandboxApi.asOperator();
  const m = uniqueMerchant('batch');
  const account = await sandbox.createAccount(m);
  const app = account.miniApps[0];
  const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
  await sandbox.dispose();
  const tokens = await exchangeAuthCode(isvSdk().sdk, appAuthCode);
  merchantName = m.name;
  authAppId = app.appId;
  recordAuthorizedMerchant({ name: m.name, userId: account.userId, appId: app.appId, appName: app.name, token: tokens.get(app.appId)! });
});

test('instantiates a template into a merchant from the wizard and shows it finish', async ({ page }) => {
  await page.goto('/batches');
  await page.getByRole('link', { name: '新建批量任务' }).click();
  await expect(page).toHaveURL(/\/batches\/new$/);
  await page.getByLabel('模板 ID').fill(isvSdk().templateId);
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByRole('row', { name: new RegExp(merchantName) }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText('将执行 1 个，跳过 0 个')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(merchantName) })).toContainText('可执行');

  await page.getByRole('button', { name: '开始批量任务' }).click();
  await expect(page).toHaveURL(/\/batches\/\d+$/);
  const row = page.getByRole('row', { name: new RegExp(merchantName) });
  await expect(row).toContainText('成功', { timeout: 45_000 });
  await expect(row).toContainText('1.0.0');
  await expect(page.getByText('已完成')).toBeVisible();
  await expect(page.getByRole('link', { name: /导出 CSV/ })).toHaveAttribute('href', /\/api\/batches\/\d+\/export$/);

  // The platform now counts the merchant among the template's instances.
  await page.goto('/templates');
  const template = page.locator('.ant-card').filter({ hasText: `模板 ID ${isvSdk().templateId}` });
  await expect(template.getByRole('row', { name: /^1\.0\.0 / }).getByRole('cell').nth(2)).not.toHaveText('0');
});

test('a rollback batch needs the typed confirmation', async ({ page }) => {
  await page.goto('/batches/new');
  await chooseOption(page, page.getByRole('combobox', { name: '操作' }), '回滚');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('row', { name: new RegExp(merchantName) }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(fieldError(page, '请输入确认词')).toBeVisible();

  await page.getByLabel('输入 ROLLBACK 确认').fill('ROLLBACK');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '运行预检' }).click();
  // The merchant has no online version yet: the pre-flight says so instead of starting anything.
  await expect(page.getByRole('row', { name: new RegExp(merchantName) })).toContainText('没有线上版本');
});

test('submits the development versions for audit with one shared audit form, checked before the pre-flight', async ({ page }) => {
  // The console's copy of the versions (what the pre-flight reads) knows the version the first test built.
  const versions = new VersionsTab(page);
  await versions.open(authAppId);
  await versions.expectStatus('1.0.0', '开发中');

  await page.goto('/batches/new');
  const auditForm = page.getByTestId('batch-audit-form');
  // An instantiate batch can go on to audit: the checkbox brings in the same form.
  await expect(auditForm).toBeHidden();
  await page.getByLabel('构建成功后提交审核').check();
  await expect(auditForm).toBeVisible();
  await page.getByLabel('构建成功后提交审核').uncheck();
  await expect(auditForm).toBeHidden();

  await chooseOption(page, page.getByRole('combobox', { name: '操作' }), '提交审核');
  await auditForm.getByLabel('版本描述').fill('新增花束预订功能，优化首页加载速度与下单流程，修复已知问题');
  await auditForm.getByLabel('客服电话').fill('0571-88886666');
  // The sandbox's accounts have no category yet, and the platform refuses an audit without one.
  await chooseCategory(page, auditForm, ['零售', '鲜花绿植']);
  await auditForm.getByLabel('简介').fill('好');
  await page.getByRole('button', { name: '下一步' }).click();
  // Checked in the browser with the server's schema: the message sits on the screenshots field.
  await expect(fieldError(auditForm, '需要 2–5 张截图')).toBeVisible();
  await expect(auditForm.getByTestId('pre-audit')).toContainText('简介');

  const pngs = await Promise.all([1, 2].map((i) => screenshotPng(`batch screen ${i}`)));
  await auditForm
    .locator('.ant-form-item')
    .filter({ hasText: '小程序截图' })
    .locator('input[type=file]')
    .setInputFiles(pngs.map((buffer, i) => ({ name: `screen-${i + 1}.png`, mimeType: 'image/png', buffer })));
  await expect(fieldError(auditForm, '需要 2–5 张截图')).toBeHidden();
  await shoot(page, 'batch-wizard-audit');
  await page.getByRole('button', { name: '下一步' }).click();

  await page.getByRole('row', { name: new RegExp(merchantName) }).getByRole('checkbox').check();
  await page.getByRole('button', { name: '运行预检' }).click();
  // The pre-audit rules run per merchant in the pre-flight: the one-character slogan skips it.
  await expect(page.getByRole('row', { name: new RegExp(merchantName) })).toContainText('预审未通过');
  await expect(page.getByText('将执行 0 个，跳过 1 个')).toBeVisible();

  await page.getByRole('button', { name: '上一步' }).click();
  await page.getByRole('button', { name: '上一步' }).click();
  await page.getByTestId('batch-audit-form').getByLabel('简介').fill('');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText('将执行 1 个，跳过 0 个')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(merchantName) })).toContainText('1.0.0');

  await page.getByRole('button', { name: '开始批量任务' }).click();
  await expect(page).toHaveURL(/\/batches\/\d+$/);
  const batchId = page.url().split('/').pop()!;
  const row = page.getByRole('row', { name: new RegExp(merchantName) });
  await expect(row).toContainText('成功', { timeout: 45_000 });
  await expect(row).toContainText('提交审核');
  await expect(page.getByTestId('batch-progress')).toContainText('吞吐量');

  // The row opens to what was sent (no images, only their count) and what the platform answered.
  await row.getByRole('button', { name: /展开/ }).click();
  const details = page.getByTestId('item-details');
  await expect(details).toContainText('audit.apply');
  await expect(details).toContainText('"screenshots": 2');
  await expect(details).not.toContainText('base64');
  await shoot(page, 'batch-detail');

  // The finished batch leaves a message the inbox can filter on.
  await page.goto('/messages');
  await chooseOption(page, page.getByRole('combobox', { name: '类型' }), '批量任务消息');
  await expect(page.getByRole('row', { name: new RegExp(`批量任务 #${batchId}（提交审核）已完成`) })).toBeVisible();
});
