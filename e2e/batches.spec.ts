// Batch operations: an operator instantiates a template into an authorized merchant's mini-program from the wizard
// and watches it finish; irreversible batches need the typed confirmation. The batch worker is the one the server
// starts with itself.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { createTokenCipher } from '@/lib/crypto/token-cipher';
import { E2E_DATA_DIR, storageStateOf } from './support/env';
import { chooseOption, fieldError } from './support/pages';
import { exchangeAuthCode, isvSdk, SandboxApi, uniqueMerchant } from './support/sandbox';

test.use({ storageState: storageStateOf('operator') });
test.describe.configure({ mode: 'serial' });

let merchantName: string;

/** Records an authorized merchant the way issue 4's authorization callback does: the token sealed at rest. */
function recordAuthorizedMerchant(name: string, userId: string, appId: string, appName: string, token: string) {
  const key = Buffer.from(fs.readFileSync(path.join(E2E_DATA_DIR, 'secrets', 'token-key'), 'utf8').trim(), 'hex');
  const sealed = createTokenCipher(key).encrypt(token, `merchant_app:${appId}:app_auth_token`);
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  db.pragma('busy_timeout = 5000');
  try {
    const mobile = `139${String(Date.now()).slice(-8)}`;
    const merchant = db
      .prepare(`INSERT INTO merchants (name, contact_name, mobile, industry, auth_status) VALUES (?, '王经理', ?, 'retail', 'authorized')`)
      .run(name, mobile);
    db.prepare(`INSERT INTO merchant_apps (merchant_id, auth_app_id, user_id, app_name, status, app_auth_token_enc, authorized_at) VALUES (?, ?, ?, ?, 'authorized', ?, ?)`).run(
      merchant.lastInsertRowid,
      appId,
      userId,
      appName,
      sealed,
      Date.now(),
    );
  } finally {
    db.close();
  }
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
  recordAuthorizedMerchant(m.name, account.userId, app.appId, app.name, tokens.get(app.appId)!);
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
  const template = page.getByRole('row', { name: new RegExp(isvSdk().templateId) });
  await expect(template).toContainText(/1\.0\.0 × \d+/);
  await expect(template.getByRole('cell').nth(4)).not.toHaveText('0');
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
