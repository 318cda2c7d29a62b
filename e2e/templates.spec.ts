// Templates (issue 6): an operator registers a template and its versions, writes the template-level ext config
// (checked before anything is saved), and gives one merchant's mini-program its own values — seeing the final ext
// and how it differs from what the mini-program runs now. Uses a template of its own, so the sandbox's template
// (which other specs instantiate) keeps its empty ext config.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import { E2E_DATA_DIR, storageStateOf } from './support/env';
import { recordAuthorizedMerchant } from './support/merchants';
import { fieldError, waitForHydration } from './support/pages';
import { exchangeAuthCode, isvSdk, SandboxApi, uniqueMerchant, uploadBuiltVersion } from './support/sandbox';
import { shoot } from './support/versions';

test.use({ storageState: storageStateOf('operator') });
test.describe.configure({ mode: 'serial' });

const templateId = `77${String(parseInt(crypto.randomBytes(4).toString('hex'), 16)).padStart(10, '0')}`;
const RUNNING_EXT = { shop: '旧店名', slogan: '旧口号' };
let merchantName: string;
let authAppId: string;

/** The version the merchant runs, with its ext, as a batch upload records it. */
function recordRunningVersion(merchantAppId: number, appId: string) {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare(
      `INSERT INTO mini_app_versions (merchant_app_id, auth_app_id, app_version, status, build_status, template_id, template_version, ext) VALUES (?, ?, '1.0.0', 'INIT', 'success', ?, '1.0.0', ?)`,
    ).run(merchantAppId, appId, templateId, JSON.stringify(RUNNING_EXT));
  } finally {
    db.close();
  }
}

const templateCard = (page: Page) => page.getByTestId(`template-${templateId}`);

test.beforeAll(async () => {
  const sandbox = await SandboxApi.asOperator();
  const m = uniqueMerchant('tpl');
  const account = await sandbox.createAccount(m);
  const app = account.miniApps[0];
  const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
  await sandbox.dispose();
  const { sdk, templateId: sandboxTemplate } = isvSdk();
  const tokens = await exchangeAuthCode(sdk, appAuthCode);
  // The version exists on the platform too, so reconciliation keeps the console's row (and its ext).
  await uploadBuiltVersion(sdk, tokens.get(app.appId)!, sandboxTemplate, '1.0.0');
  merchantName = m.name;
  authAppId = app.appId;
  const { merchantAppId } = recordAuthorizedMerchant({ name: m.name, userId: account.userId, appId: app.appId, appName: app.name, token: tokens.get(app.appId)! });
  recordRunningVersion(merchantAppId, app.appId);
});

test('registers a template and its versions; duplicates and bad input are refused with a field message', async ({ page }) => {
  await page.goto('/templates');
  await page.getByRole('button', { name: '登记模板' }).click();
  const dialog = page.getByRole('dialog', { name: '登记模板' });
  await dialog.getByLabel('模板 ID').fill('20a1');
  await dialog.getByLabel('名称').fill('e2e 花店模板');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(fieldError(dialog, '模板 ID 只能是数字')).toBeVisible();
  await dialog.getByLabel('模板 ID').fill(templateId);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(templateCard(page)).toContainText('e2e 花店模板');

  // The same id again: refused on the server, under the field.
  await page.getByRole('button', { name: '登记模板' }).click();
  await dialog.getByLabel('模板 ID').fill(templateId);
  await dialog.getByLabel('名称').fill('重复');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(fieldError(dialog, `模板 ${templateId} 已经登记过`)).toBeVisible();
  await dialog.getByRole('button', { name: /取\s*消/ }).click();

  const addVersion = async (version: string) => {
    await templateCard(page).getByRole('button', { name: '登记版本' }).click();
    const form = page.getByRole('dialog', { name: /登记版本/ });
    await form.getByLabel('模板版本号').fill(version);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    return form;
  };
  const bad = await addVersion('1.2');
  await expect(fieldError(bad, '版本号格式为 x.y.z')).toBeVisible();
  await bad.getByRole('button', { name: /取\s*消/ }).click();
  await expect(templateCard(page)).not.toContainText('1.2');

  await expect(await addVersion('1.1.0')).toBeHidden();
  await expect(await addVersion('1.2.0')).toBeHidden();
  const versions = templateCard(page).getByRole('row');
  await expect(versions.nth(1)).toContainText('1.2.0');
  await expect(versions.nth(1)).toContainText('已上架');
  await expect(versions.nth(2)).toContainText('1.1.0');
  await expect(templateCard(page)).toContainText('最新上架版本：1.2.0');

  const dup = await addVersion('1.2.0');
  await expect(fieldError(dup, '版本 1.2.0 已经登记过')).toBeVisible();
  await dup.getByRole('button', { name: /取\s*消/ }).click();
  await expect(templateCard(page).getByRole('row', { name: /1\.2\.0/ })).toHaveCount(1);

  // Taking 1.2.0 off the shelf makes 1.1.0 the version an upload without one gets.
  await templateCard(page).getByRole('button', { name: '1.2.0 下架' }).click();
  await expect(templateCard(page)).toContainText('最新上架版本：1.1.0');
  await expect(templateCard(page).getByRole('row', { name: /1\.2\.0/ })).toContainText('未上架');
  await shoot(page, 'templates-list');
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
  const row = page.getByRole('row', { name: new RegExp(authAppId) });
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
  const saved = page.getByRole('row', { name: new RegExp(authAppId) });
  await expect(saved).toContainText('已设置');
  await saved.getByRole('button', { name: /编辑 ext/ }).click();
  const again = page.getByRole('dialog', { name: new RegExp(merchantName) });
  await expect(again.getByLabel('{{custom.slogan}}')).toHaveValue('鲜花到家');
  await expect(again.getByLabel('覆盖（JSON 对象，合并在生成结果之上）')).toHaveValue(/"theme": "dark"/);
  await expect(again.getByTestId('ext-preview')).toContainText('"slogan": "鲜花到家"');
});
