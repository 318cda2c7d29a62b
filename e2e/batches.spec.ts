// Batch operations: an operator instantiates a template, chosen by name, into two authorized merchants' mini-programs
// and watches it finish; submits both for audit with one shared form, where the pre-flight skips the one without a
// category with the platform's reason and each merchant keeps its own service contact; takes a version offline
// after the pre-flight has shown who is affected and the operator typed the confirmation word. Every outcome is
// also checked against the sandbox's own records. The batch worker is the one the server starts with itself.
import { expect, test, type Page } from '@playwright/test';
import { storageStateOf } from './support/env';
import { recordAuthorizedMerchant } from './support/merchants';
import { chooseOption, expectOnBatchPage, fieldError } from './support/pages';
import { applyForAudit, exchangeAuthCode, isvSdk, SandboxApi, uniqueMerchant, uploadBuiltVersion } from './support/sandbox';
import { giveCategory, queryConsole, screenshotPng, shoot, VersionsTab } from './support/versions';

test.use({ storageState: storageStateOf('operator') });
test.describe.configure({ mode: 'serial' });

interface Merchant {
  name: string;
  appId: string;
  token: string;
}
let withCategory: Merchant;
let withoutCategory: Merchant;
let online: Merchant;

const BUNDLE = 'com.alipay.alipaywallet';
const CATEGORY = '1002_100203'; // 零售 › 鲜花绿植

async function authorizedMerchant(label: string): Promise<Merchant> {
  const sandbox = await SandboxApi.asOperator();
  const m = uniqueMerchant(label);
  const account = await sandbox.createAccount(m);
  const app = account.miniApps[0];
  const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
  await sandbox.dispose();
  const tokens = await exchangeAuthCode(isvSdk().sdk, appAuthCode);
  recordAuthorizedMerchant({ name: m.name, userId: account.userId, appId: app.appId, appName: app.name, token: tokens.get(app.appId)! });
  return { name: m.name, appId: app.appId, token: tokens.get(app.appId)! };
}

/** What the platform itself holds (through the gateway, as the ISV). */
async function platform(method: string, token: string, bizContent: Record<string, unknown> = {}) {
  const r = await isvSdk().sdk.exec(method, { appAuthToken: token, bizContent: { bundle_id: BUNDLE, ...bizContent } }, { validateSign: true });
  expect(r.code, `${method}: ${r.subCode ?? ''} ${r.subMsg ?? ''}`).toBe('10000');
  return r;
}
async function platformStatus(m: Merchant, appVersion: string): Promise<string | undefined> {
  const r = await platform('alipay.open.mini.version.list.query', m.token, { version_status: 'INIT,AUDITING,AUDIT_REJECT,WAIT_RELEASE,GRAY,RELEASE,OFFLINE' });
  return (r.appVersionInfos as { appVersion: string; versionStatus: string }[] | undefined)?.find((v) => v.appVersion === appVersion)?.versionStatus;
}

/** The category set as staff set it on the profile: on the platform, and remembered by the console. */
const row = (page: Page, m: Merchant) => page.getByRole('row', { name: new RegExp(m.name) });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [withCategory, withoutCategory, online] = await Promise.all([authorizedMerchant('batcha'), authorizedMerchant('batchb'), authorizedMerchant('batchc')]);
  await giveCategory(withCategory, CATEGORY);
  // A mini-program with a version online, put there through the platform itself.
  const { sdk, templateId } = isvSdk();
  await uploadBuiltVersion(sdk, online.token, templateId, '1.0.0');
  await applyForAudit(sdk, online.token, '1.0.0');
  await expect.poll(() => platformStatus(online, '1.0.0'), { timeout: 30_000 }).toBe('WAIT_RELEASE');
  await platform('alipay.open.mini.version.gray.online', online.token, { app_version: '1.0.0', gray_strategy: 'p10' });
  await platform('alipay.open.mini.version.online', online.token, { app_version: '1.0.0' });
  expect(await platformStatus(online, '1.0.0')).toBe('RELEASE');
});

test('instantiates a template chosen by name into the selected merchants, with the ext config the template keeps', async ({ page }) => {
  await page.goto('/batches');
  await page.getByRole('link', { name: '新建批量任务' }).click();
  await expect(page).toHaveURL(/\/batches\/new$/);
  // No hand-typed ext: empty means the template's own config, rendered per merchant.
  await expect(page.getByLabel('ext 配置（选填）')).toHaveValue('');
  await chooseOption(page, page.getByRole('combobox', { name: '模板', exact: true }), isvSdk().templateId);
  await expect(page.getByRole('combobox', { name: '模板版本' })).toBeEnabled();
  await page.getByRole('button', { name: '下一步' }).click();

  for (const m of [withCategory, withoutCategory]) await row(page, m).getByRole('checkbox').check();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText('将执行 2 个，跳过 0 个')).toBeVisible();
  await expect(page.getByText('每个小程序依次执行：上传版本 → 构建')).toBeVisible();
  await expect(page.getByTestId('preflight-summary')).toContainText('全部可执行');
  for (const m of [withCategory, withoutCategory]) await expect(row(page, m)).toContainText('可执行');

  await page.getByRole('button', { name: '开始批量任务' }).click();
  await expectOnBatchPage(page);
  for (const m of [withCategory, withoutCategory]) {
    await expect(row(page, m)).toContainText('成功', { timeout: 45_000 });
    await expect(row(page, m)).toContainText('1.0.0');
  }
  await expect(page.getByText('已完成')).toBeVisible();
  await expect(page.getByRole('link', { name: /导出 CSV/ })).toHaveAttribute('href', /\/api\/batches\/\d+\/export$/);
  // The platform holds both new versions.
  for (const m of [withCategory, withoutCategory]) expect(await platformStatus(m, '1.0.0')).toBe('INIT');
});

test("submits for audit with one shared form: the merchant without a category is skipped with the platform's reason, each keeps its own contact", async ({
  page,
}) => {
  // Two pages of wizard, a pre-flight and a batch run to the end: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  // The console's copy of the versions (what the pre-flight reads) knows the versions the first test built.
  const versions = new VersionsTab(page);
  for (const m of [withCategory, withoutCategory]) {
    await versions.open(m.appId);
    await versions.expectStatus('1.0.0', '开发中');
  }

  await page.goto('/batches/new');
  const auditForm = page.getByTestId('batch-audit-form');
  // An instantiate batch can go on to audit: the checkbox brings in the same form.
  await expect(auditForm).toBeHidden();
  await page.getByLabel('构建成功后提交审核').check();
  await expect(auditForm).toBeVisible();
  await page.getByLabel('构建成功后提交审核').uncheck();
  await expect(auditForm).toBeHidden();

  await chooseOption(page, page.getByRole('combobox', { name: '操作' }), '提交审核');
  await auditForm.getByLabel('版本描述').fill('新增会员积分功能，优化首页加载速度与下单流程，修复已知问题');
  // Each merchant's own contact unless the operator chooses otherwise; no shared phone is asked for.
  await expect(auditForm.getByLabel('每个商家用自己的电话和邮箱（商家档案）')).toBeChecked();
  await expect(auditForm.getByRole('textbox', { name: '客服电话' })).toHaveCount(0);
  // The reviewer rejects a description mentioning 会员 without a test account: the panel says so before the pre-flight.
  await expect(auditForm.getByTestId('pre-audit')).toContainText('版本描述提到“会员”，但没有测试账号');
  await auditForm.getByLabel('测试账号').fill('reviewer01');
  await auditForm.getByLabel('测试密码').fill('Review-2026');
  await expect(auditForm.getByTestId('pre-audit')).not.toContainText('测试账号');
  await expect(auditForm.getByTestId('pre-audit')).toContainText('在预检时按所选商家逐个检查');

  // One screenshot is refused (none, or 2–5), checked in the browser with the server's schema.
  const shotInput = auditForm.locator('.ant-form-item').filter({ hasText: '小程序截图' }).locator('input[type=file]');
  const pngs = await Promise.all([1, 2].map((i) => screenshotPng(`batch screen ${i}`)));
  await shotInput.setInputFiles([{ name: 'screen-1.png', mimeType: 'image/png', buffer: pngs[0] }]);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(fieldError(auditForm, '截图可以不传；传则需 2–5 张')).toBeVisible();
  // A second one makes two (the upload adds to the list).
  await shotInput.setInputFiles([{ name: 'screen-2.png', mimeType: 'image/png', buffer: pngs[1] }]);
  await expect(fieldError(auditForm, '截图可以不传；传则需 2–5 张')).toBeHidden();
  await shoot(page, 'batch-wizard-audit');
  await page.getByRole('button', { name: '下一步' }).click();

  for (const m of [withCategory, withoutCategory]) await row(page, m).getByRole('checkbox').check();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText('将执行 1 个，跳过 1 个')).toBeVisible();
  await expect(row(page, withoutCategory)).toContainText('CATEGORY_NUM_IS_INVALID：该小程序没有类目');
  await expect(row(page, withCategory)).toContainText('可执行');
  await expect(row(page, withCategory)).toContainText('1.0.0');
  await expect(page.getByTestId('preflight-summary')).toContainText('所选 2 个小程序的预检结果');
  await expect(page.getByTestId('preflight-summary')).toContainText('1 个CATEGORY_NUM_IS_INVALID');
  await shoot(page, 'batch-preflight-category');

  // Back on the form, its pre-audit panel shows what the pre-flight found among the selected merchants.
  await page.getByRole('button', { name: '上一步' }).click();
  await page.getByRole('button', { name: '上一步' }).click();
  await expect(auditForm.getByTestId('pre-audit').getByTestId('preflight-summary')).toContainText('1 个CATEGORY_NUM_IS_INVALID');
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText('将执行 1 个，跳过 1 个')).toBeVisible();

  await page.getByRole('button', { name: '开始批量任务' }).click();
  await expectOnBatchPage(page);
  await expect(row(page, withCategory)).toContainText('成功', { timeout: 45_000 });
  await expect(row(page, withoutCategory)).toContainText('已跳过');

  // The row opens to what was sent (no images, only their count; never the test password).
  await row(page, withCategory).getByRole('button', { name: /展开/ }).click();
  const details = page.getByTestId('item-details');
  await expect(details).toContainText('audit.apply');
  await expect(details).toContainText('"screenshots": 2');
  await expect(details).not.toContainText('base64');
  await expect(details).not.toContainText('Review-2026');
  await shoot(page, 'batch-detail');

  // The platform received the submission with the merchant's own phone, and nothing for the skipped one.
  const [{ mobile }] = queryConsole<{ mobile: string }>(
    `SELECT m.mobile FROM merchants m JOIN merchant_apps a ON a.merchant_id = m.id WHERE a.auth_app_id = ?`,
    withCategory.appId,
  );
  expect(await platformStatus(withCategory, '1.0.0')).toMatch(/AUDITING|WAIT_RELEASE/);
  const detail = await platform('alipay.open.mini.version.detail.query', withCategory.token, { app_version: '1.0.0' });
  expect(detail.servicePhone).toBe(mobile);
  expect(await platformStatus(withoutCategory, '1.0.0')).toBe('INIT');
});

test('an offline batch asks for the typed word only after the pre-flight has shown who goes offline', async ({ page }) => {
  const versions = new VersionsTab(page);
  await versions.open(online.appId);
  await versions.expectStatus('1.0.0', '已上架');

  await page.goto('/batches/new');
  await chooseOption(page, page.getByRole('combobox', { name: '操作' }), '下架');
  // Nothing to type yet: the operator has not seen who is affected.
  await expect(page.getByLabel(/输入 下架 确认/)).toHaveCount(0);
  await expect(page.getByText('运行预检、看到受影响的小程序后，需要输入“下架”确认')).toBeVisible();
  await page.getByRole('button', { name: '下一步' }).click();
  for (const m of [withoutCategory, online]) await row(page, m).getByRole('checkbox').check();
  await page.getByRole('button', { name: '运行预检' }).click();

  await expect(page.getByText('将执行 1 个，跳过 1 个')).toBeVisible();
  await expect(row(page, withoutCategory)).toContainText('没有线上版本');
  await expect(row(page, online)).toContainText('可执行');
  const confirm = page.getByTestId('batch-confirm');
  await expect(confirm).toContainText('将对上面列出的 1 个可执行的小程序执行“下架”');
  const start = page.getByRole('button', { name: '开始批量任务' });
  await expect(start).toBeDisabled();
  await confirm.getByLabel('输入 下架 确认').fill('下');
  await expect(start).toBeDisabled();
  await confirm.getByLabel('输入 下架 确认').fill('下架');
  await expect(start).toBeEnabled();
  await shoot(page, 'batch-offline-confirm');
  await start.click();

  await expectOnBatchPage(page);
  await expect(row(page, online)).toContainText('成功', { timeout: 45_000 });
  expect(await platformStatus(online, '1.0.0')).toBe('OFFLINE');
});

test('the batch wizard in English: confirmation word and pre-flight in the UI language', async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: 'locale', value: 'en', url: baseURL! }]);
  await page.goto('/batches/new');
  await chooseOption(page, page.getByRole('combobox', { name: 'Operation' }), 'Take offline');
  await expect(page.getByText('After the pre-flight has shown who is affected, you type "OFFLINE" to confirm')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await row(page, withCategory).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Run pre-flight' }).click();
  await expect(row(page, withCategory)).toContainText('No online version');
  await expect(page.getByText('0 will run, 1 skipped')).toBeVisible();
  await shoot(page, 'batch-preflight-en');

  await page.goto('/batches/new');
  await chooseOption(page, page.getByRole('combobox', { name: 'Operation' }), 'Submit for audit');
  await expect(page.getByTestId('batch-audit-form').getByLabel("Each merchant's own phone and email (merchant record)")).toBeChecked();
  await shoot(page, 'batch-wizard-audit-en');
});
