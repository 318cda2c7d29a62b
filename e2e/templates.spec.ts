// Templates come from the platform: a template created on the sandbox (playing Alipay's developer centre) appears on
// /templates by name after "从平台同步", with the platform's on-shelf state and its instances; a version added on the
// sandbox page shows after the next sync. The ext config is checked before it is saved, a merchant's own values are
// previewed and compared with what it runs now, and a single upload from the merchant's Versions tab sends the
// rendered ext by default — checked in the sandbox's own record of what it received. Uses a template of its own, so
// the sandbox's default template (which other specs instantiate) keeps its empty ext config.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_DATA_DIR, storageStateOf } from './support/env';
import { recordAuthorizedMerchant, uniqueTag } from './support/merchants';
import { chooseOption, fieldError, openDialog, Shell, waitForHydration } from './support/pages';
import { exchangeAuthCode, isvSdk, SandboxApi, uniqueMerchant, uploadBuiltVersion } from './support/sandbox';
import { shoot, VersionsTab } from './support/versions';

test.use({ storageState: storageStateOf('operator') });
test.describe.configure({ mode: 'serial' });

const templateName = `e2e花店模板${uniqueTag()}`;
const RUNNING_EXT = { shop: '旧店名', slogan: '旧口号' };
let templateId: string;
let merchantName: string;
let merchantId: number;
let authAppId: string;

/** The ext the console recorded for the version the merchant runs. */
function recordRunningExt(merchantAppId: number) {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare(
      `INSERT INTO mini_app_versions (merchant_app_id, auth_app_id, app_version, status, build_status, template_id, template_version, ext) VALUES (?, ?, '1.0.0', 'INIT', 'success', ?, '1.0.0', ?)`,
    ).run(merchantAppId, authAppId, templateId, JSON.stringify(RUNNING_EXT));
  } finally {
    db.close();
  }
}

const templateCard = (page: Page) => page.getByTestId(`template-${templateId}`);
const versionRow = (page: Page, version: string) => templateCard(page).getByRole('row', { name: new RegExp(`^${version.replaceAll('.', '\\.')} `) });

async function syncFromPlatform(page: Page) {
  await waitForHydration(page);
  // An earlier sync's notice may still show: wait until it is gone, so the one awaited below is this sync's.
  const done = page.getByText(/已同步 \d+ 个模板/);
  await expect(done).toHaveCount(0, { timeout: 15_000 });
  await page.getByRole('button', { name: '从平台同步' }).click();
  await expect(done).toBeVisible({ timeout: 20_000 });
}

test.beforeAll(async () => {
  const sandbox = await SandboxApi.asOperator();
  ({ templateId } = await sandbox.createTemplate(templateName));
  await sandbox.putTemplateVersion({ templateId, version: '1.0.0', onShelf: true });
  await sandbox.putTemplateVersion({ templateId, version: '1.1.0', onShelf: false });
  const m = uniqueMerchant('tpl');
  const account = await sandbox.createAccount(m);
  const app = account.miniApps[0];
  const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
  await sandbox.dispose();
  const { sdk } = isvSdk();
  const tokens = await exchangeAuthCode(sdk, appAuthCode);
  // The merchant runs 1.0.0 of this template on the platform: one instance of template version 1.0.0.
  await uploadBuiltVersion(sdk, tokens.get(app.appId)!, templateId, '1.0.0');
  merchantName = m.name;
  authAppId = app.appId;
  const recorded = recordAuthorizedMerchant({ name: m.name, userId: account.userId, appId: app.appId, appName: app.name, token: tokens.get(app.appId)! });
  merchantId = recorded.merchantId;
  recordRunningExt(recorded.merchantAppId);
});

test("the platform's templates by name with their on-shelf state and instances, after 从平台同步", async ({ page }) => {
  await page.goto('/templates');
  await syncFromPlatform(page);
  await expect(page.getByTestId('template-sync-status')).toContainText('上次从平台同步');
  const card = templateCard(page);
  await expect(card).toContainText(templateName);
  await expect(card).toContainText('最新上架版本：1.0.0');
  await expect(versionRow(page, '1.1.0')).toContainText('已下架');
  await expect(versionRow(page, '1.0.0')).toContainText('已上架');
  // 实例数 counts mini-programs running the version: the merchant's.
  await expect(versionRow(page, '1.0.0').getByRole('cell').nth(2)).toHaveText('1');
  await expect(versionRow(page, '1.1.0').getByRole('cell').nth(2)).toHaveText('0');
  // The shelf is the platform's: the console offers no switch of its own.
  await expect(page.getByRole('button', { name: /^(上架|下架)$/ })).toHaveCount(0);
  await shoot(page, 'templates-list');

  // The instances are named by the console's merchant.
  await card.getByRole('link', { name: /ext 配置/ }).click();
  const instances = page.locator('.ant-card').filter({ hasText: '实例（1 个小程序）' });
  await expect(instances.getByRole('row', { name: new RegExp(authAppId) })).toContainText(merchantName);

  // The merchants are searched on the server (the page carries one page of them, never the whole fleet).
  await waitForHydration(page);
  const merchantsCard = page.locator('.ant-card').filter({ hasText: '已授权的商家小程序' });
  const search = merchantsCard.getByLabel('搜索');
  await search.fill('没有这个商家');
  await search.press('Enter');
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(merchantsCard).toContainText('还没有已授权的商家小程序');
  await search.fill(authAppId);
  await search.press('Enter');
  await expect(merchantsCard.getByRole('row', { name: new RegExp(authAppId) })).toContainText(merchantName);

  await new Shell(page).switchLanguage('English');
  await page.goto('/templates');
  await expect(templateCard(page)).toContainText('On shelf');
  await shoot(page, 'templates-list-en');
  await page.goto(`/templates/${templateId}`);
  await expect(page.locator('.ant-card').filter({ hasText: 'Instances (1 mini-program)' })).toContainText(merchantName);
  await shoot(page, 'template-detail-en');
});

test('a template version added on the sandbox page appears after 从平台同步', async ({ page }) => {
  await page.goto('/sandbox?tab=templates');
  const sandboxCard = page.getByTestId(`sandbox-template-${templateId}`);
  const dialog = await (async () => {
    const d = page.getByRole('dialog');
    await expect(async () => {
      await sandboxCard.getByRole('button', { name: '添加模板版本' }).click();
      await expect(d).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    return d;
  })();
  await dialog.getByLabel('模板版本').fill('1.2.0');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();

  await page.goto('/templates');
  await expect(templateCard(page)).not.toContainText('1.2.0');
  await syncFromPlatform(page);
  await expect(versionRow(page, '1.2.0')).toContainText('已上架');
  await expect(templateCard(page)).toContainText('最新上架版本：1.2.0');

  // A note is the console's own: kept across syncs.
  await versionRow(page, '1.2.0').getByRole('button', { name: /编辑|edit/i }).click();
  await versionRow(page, '1.2.0').getByRole('textbox').fill('春季活动版');
  await page.keyboard.press('Enter');
  await expect(page.getByText('备注已保存')).toBeVisible();
  await syncFromPlatform(page);
  await expect(versionRow(page, '1.2.0')).toContainText('春季活动版');
});

test('the ext config is checked before it is saved: invalid JSON and unknown variables', async ({ page }) => {
  await page.goto(`/templates/${templateId}`);
  await waitForHydration(page);
  const ext = page.getByLabel('ext 配置（JSON）');
  const save = page.getByRole('button', { name: '保存 ext 配置' });

  await ext.fill('{"shop": ');
  await save.click();
  await expect(fieldError(page, '不是有效的 JSON')).toBeVisible();

  await ext.fill('{"shop": "{{shop.name}}"}');
  await save.click();
  await expect(fieldError(page, '未知变量 {{shop.name}}')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('ext 配置（JSON）')).toHaveValue('{}');
  await waitForHydration(page);

  // Typing into the reloaded page before React has taken it over is lost: type again until the form has it.
  await expect(async () => {
    await page.getByLabel('ext 配置（JSON）').fill('{"shop": "{{merchant.name}}", "slogan": "{{custom.slogan}}"}');
    await expect(page.getByTestId('custom-fields')).toContainText('custom.slogan', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('button', { name: '保存 ext 配置' }).click();
  await expect(page.getByText('ext 配置已保存')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('ext 配置（JSON）')).toHaveValue(/\{\{custom\.slogan\}\}/);
  await shoot(page, 'template-detail');
});

test("a merchant's own values: live preview, diff against what it runs now, saved and kept", async ({ page }) => {
  await page.goto(`/templates/${templateId}`);
  const row = page.locator('.ant-card').filter({ hasText: '已授权的商家小程序' }).getByRole('row', { name: new RegExp(authAppId) });
  await expect(row).toContainText(merchantName);
  await expect(row).toContainText('未设置');
  await expect(row).toContainText('1.0.0');
  await row.getByRole('button', { name: /编辑 ext/ }).click();

  const drawer = page.getByRole('dialog', { name: new RegExp(merchantName) });
  await expect(drawer.getByTestId('ext-missing')).toContainText('缺少变量 {{custom.slogan}} 的值');
  await drawer.getByLabel('{{custom.slogan}}').fill('鲜花到家');
  const preview = drawer.getByTestId('ext-preview');
  await expect(preview).toContainText('"slogan": "鲜花到家"');
  await expect(preview).toContainText(`"shop": "${merchantName}"`);

  await expect(drawer).toContainText('对比版本 1.0.0（开发）上的 ext');
  const diff = drawer.getByTestId('ext-diff');
  await expect(diff.locator('[data-kind=removed]', { hasText: '"slogan": "旧口号"' })).toBeVisible();
  await expect(diff.locator('[data-kind=added]', { hasText: '"slogan": "鲜花到家"' })).toBeVisible();

  // An override that is not a JSON object is refused.
  const override = drawer.getByLabel('覆盖（JSON 对象，合并在生成结果之上）');
  await override.fill('["dark"]');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(fieldError(drawer, '覆盖内容必须是一个 JSON 对象')).toBeVisible();
  await override.fill('{"theme": "dark"}');
  await expect(preview).toContainText('"theme": "dark"');
  await shoot(page, 'template-merchant-ext-drawer');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('ext 自有值已保存')).toBeVisible();
  await expect(drawer).toBeHidden();

  await page.reload();
  const saved = page.locator('.ant-card').filter({ hasText: '已授权的商家小程序' }).getByRole('row', { name: new RegExp(authAppId) });
  await expect(saved).toContainText('已设置');
  await saved.getByRole('button', { name: /编辑 ext/ }).click();
  const again = page.getByRole('dialog', { name: new RegExp(merchantName) });
  await expect(again.getByLabel('{{custom.slogan}}')).toHaveValue('鲜花到家');
  await expect(again.getByLabel('覆盖（JSON 对象，合并在生成结果之上）')).toHaveValue(/"theme": "dark"/);
  await expect(again.getByTestId('ext-preview')).toContainText('"slogan": "鲜花到家"');
});

test("a single upload sends the template's ext rendered for the merchant; an override is sent and recorded as one", async ({ page }) => {
  const sandbox = await SandboxApi.asOperator();
  const receivedExt = async (appVersion: string) => {
    const v = (await sandbox.versions(authAppId)).find((x) => x.appVersion === appVersion);
    return v?.ext ? (JSON.parse(v.ext) as Record<string, unknown>) : null;
  };
  try {
    await page.goto(`/merchants/${merchantId}/versions`);
    await expect(page.getByTestId('versions-tab')).toBeVisible();
    const dialog = await openDialog(page, '上传新版本');
    await chooseOption(page, dialog.getByLabel('模板', { exact: true }), templateName);
    await expect(dialog.getByLabel('模板版本')).toBeAttached();
    await expect(dialog).toContainText('最新上架版本（1.2.0）');
    await expect(dialog.getByLabel('版本号')).toHaveValue('1.0.1');

    // The default: the template's rendering with this merchant's own values, compared with what it runs now.
    const preview = dialog.getByTestId('upload-ext-preview');
    await expect(preview).toContainText(`"shop": "${merchantName}"`);
    await expect(preview).toContainText('"slogan": "鲜花到家"');
    await expect(preview).toContainText('"theme": "dark"');
    await expect(dialog.getByTestId('upload-ext-diff').locator('[data-kind=removed]', { hasText: '"slogan": "旧口号"' })).toBeVisible();
    await shoot(page, 'upload-dialog-rendered-ext');
    await dialog.getByRole('button', { name: '上传并构建' }).click();
    await expect(dialog.getByText('版本 1.0.1 构建成功')).toBeVisible({ timeout: 20_000 });
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    await expect(dialog).toBeHidden();

    // What the platform received holds the merchant's own rendered values, built from the latest on-shelf version.
    expect(await receivedExt('1.0.1')).toEqual({ shop: merchantName, slogan: '鲜花到家', theme: 'dark' });
    expect((await sandbox.versions(authAppId)).find((v) => v.appVersion === '1.0.1')?.templateVersion).toBe('1.2.0');

    // An explicit override for one upload: sent as typed, recorded as an override.
    const second = await openDialog(page, '上传新版本');
    await expect(second.getByLabel('版本号')).toHaveValue('1.0.2');
    await second.getByText('本次自定义', { exact: true }).click();
    const text = second.getByLabel('ext 配置（JSON）');
    await expect(text).toHaveValue(/"slogan": "鲜花到家"/);
    await text.fill('{"shop": "临时活动店", "theme": "night"}');
    await expect(second.getByTestId('upload-ext-override-preview')).toContainText('"theme": "night"');
    await shoot(page, 'upload-dialog-override');
    await second.getByRole('button', { name: '上传并构建' }).click();
    await expect(second.getByText('版本 1.0.2 构建成功')).toBeVisible({ timeout: 20_000 });
    await second.getByRole('button', { name: /完\s*成/ }).click();
    expect(await receivedExt('1.0.2')).toEqual({ shop: '临时活动店', theme: 'night' });

    // The version's details say where its ext came from.
    await expect(second).toBeHidden();
    const tab = new VersionsTab(page);
    await expect(await tab.details('1.0.2')).toContainText('ext 为本次自定义');
    await tab.closeDetails();
    const first = await tab.details('1.0.1');
    await expect(first).toContainText('ext 来自模板渲染');
    await expect(first).toContainText(templateName);
  } finally {
    await sandbox.dispose();
  }
});
