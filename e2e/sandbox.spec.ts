import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { BASE_URL, storageStateOf } from './support/env';
import { openDialog } from './support/pages';
import {
  applyForAudit,
  exchangeAuthCode,
  isvSdk,
  openAuthUrl,
  SandboxApi,
  SandboxPage,
  storedNotifications,
  uniqueMerchant,
  uploadBuiltVersion,
} from './support/sandbox';

const SHOTS = '/tmp/shots';

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// The sandbox creates its identity (keys, ISV app id) on first use: make sure it exists before reading it.
test.beforeAll(async () => {
  const control = await SandboxApi.asOperator();
  await control.settings({});
  await control.dispose();
});

test.describe('the sandbox page (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('a person switches to manual review and rejects an audit; the rejection reaches the console', { tag: '@global-sandbox' }, async ({ page }) => {
    const control = await SandboxApi.asOperator();
    try {
      const merchant = uniqueMerchant('audit');
      const account = await control.createAccount({ ...merchant, miniApps: merchant.miniApps.slice(0, 1) });
      const appId = account.miniApps[0].appId;
      const { appAuthCode } = await control.authorize({ userId: account.userId, appIds: [appId] });
      const { sdk, templateId } = isvSdk();
      const token = (await exchangeAuthCode(sdk, appAuthCode)).get(appId)!;
      await uploadBuiltVersion(sdk, token, templateId, '1.0.0');

      const sandbox = new SandboxPage(page);
      await sandbox.open('audits');
      await sandbox.switchToManualReview();
      await applyForAudit(sdk, token, '1.0.0');

      // Manual mode: the audit waits for the person instead of being decided by the reviewer.
      await expect(sandbox.auditRow(appId, '1.0.0')).toContainText('等待人工审核', { timeout: 15_000 });
      await shoot(page, 'sandbox-audits');
      const reason = `截图与实际功能不符（${appId}）`;
      await sandbox.rejectAudit(appId, '1.0.0', reason);

      await expect
        .poll(() => storedNotifications('alipay.open.mini.version.audit.rejected').find((n) => n.authAppId === appId)?.payload.biz_content, { timeout: 20_000 })
        .toMatchObject({ mini_app_id: appId, mini_app_version: '1.0.0', audit_reason: reason });
      await expect(sandbox.auditRow(appId, '1.0.0')).toHaveCount(0);
      await expect(page.getByRole('row').filter({ hasText: reason })).toContainText('驳回');

      await page.goto('/operation-log?action=sandbox.decideAudit');
      await expect(page.getByRole('row').filter({ hasText: appId }).first()).toContainText('成功');
    } finally {
      await control.settings({ reviewMode: 'auto' });
      await control.dispose();
    }
  });

  test('QA creates a merchant account with the form and finds it in the list', async ({ page }) => {
    // The full-page screenshot waits for the CJK fonts, which is slow on a busy machine.
    test.setTimeout(120_000);
    const merchant = uniqueMerchant('qa');
    const sandbox = new SandboxPage(page);
    await sandbox.open('accounts');
    const dialog = await openDialog(page, '创建商家账号');
    await dialog.getByLabel('商家名称').fill(merchant.name);
    await dialog.getByLabel('支付宝账号').fill('not-an-account');
    await dialog.getByLabel('登录密码').fill(merchant.password);
    await dialog.getByLabel('小程序 1 名称').fill(merchant.miniApps[0]);
    await dialog.getByRole('button', { name: '再添加一个小程序' }).click();
    await dialog.getByLabel('小程序 2 名称').fill(merchant.miniApps[1]);
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await expect(dialog.getByText('请输入邮箱或 11 位手机号')).toBeVisible();
    await dialog.getByLabel('支付宝账号').fill(merchant.logonId);
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('row').filter({ hasText: merchant.logonId });
    await expect(row).toContainText(merchant.name);
    await expect(row).toContainText(merchant.miniApps[0]);
    await expect(row).toContainText(merchant.miniApps[1]);
    await shoot(page, 'sandbox-accounts');

    for (const tab of ['authorizations', 'invitations', 'templates', 'faults', 'requests', 'messages', 'settings']) {
      await sandbox.open(tab);
      await expect(page.getByRole('tab', { selected: true })).toBeVisible();
      await shoot(page, `sandbox-${tab}`);
    }
  });

  test('an operator injects an error on one method, the gateway answers with it, and removing the rule ends it', async ({ page }) => {
    const { sdk } = isvSdk();
    // A merchant call made without a token: normally refused with aop.invalid-app-auth-token, so the fault is visible.
    const method = 'alipay.open.mini.experience.cancel';
    const callIt = () => sdk.exec(method, { bizContent: { app_version: '0.0.1' } });
    const sandbox = new SandboxPage(page);
    await sandbox.open('faults');
    const dialog = await openDialog(page, '添加故障规则');
    await dialog.getByLabel('接口').fill(method);
    await dialog.getByLabel('错误率').fill('100');
    await dialog.getByLabel('错误 sub_code').fill('isp.e2e-injected');
    await shoot(page, 'sandbox-fault-form');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();
    const row = page.getByRole('row').filter({ hasText: method });
    await expect(row).toContainText('100% 返回 isp.e2e-injected');
    expect((await callIt()).subCode).toBe('isp.e2e-injected');

    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(row).toHaveCount(0);
    expect((await callIt()).subCode).toBe('aop.invalid-app-auth-token');
  });
});

test.describe('the merchant authorization page (signed out, phone width)', () => {
  test.use({ storageState: { cookies: [], origins: [] }, viewport: { width: 390, height: 844 } });

  const redirectUri = `${BASE_URL}/login?from=sandbox-e2e`;
  const newState = () => `st-${crypto.randomBytes(4).toString('hex')}`;

  test('a new merchant signs up with two mini-programs, authorizes both and lands on the redirect with a working code', async ({ page }) => {
    const { sdk, appId } = isvSdk();
    const merchant = uniqueMerchant('auth');
    const state = newState();
    await page.goto(openAuthUrl(appId, redirectUri, state));
    await expect(page.getByRole('heading', { name: '登录支付宝账号' })).toBeVisible();
    await shoot(page, 'openauth-sign-in');

    await page.getByRole('tab', { name: '注册沙箱账号' }).click();
    await page.getByLabel('商家名称').fill(merchant.name);
    await page.getByLabel('支付宝账号').fill(merchant.logonId);
    await page.getByLabel('登录密码').fill(merchant.password);
    await page.getByLabel('小程序 1 名称').fill(merchant.miniApps[0]);
    await page.getByRole('button', { name: '再添加一个小程序' }).click();
    await page.getByLabel('小程序 2 名称').fill(merchant.miniApps[1]);
    await shoot(page, 'openauth-sign-up');
    await page.getByRole('button', { name: '注册并登录' }).click();

    await expect(page.getByTestId('openauth-account')).toHaveText(merchant.name);
    await page.getByRole('button', { name: '确认授权' }).click();
    await expect(page.getByText('请至少选择一个小程序')).toBeVisible();
    await page.getByRole('checkbox', { name: new RegExp(merchant.miniApps[0]) }).check();
    await page.getByRole('checkbox', { name: new RegExp(merchant.miniApps[1]) }).check();
    await shoot(page, 'openauth-consent');
    await page.getByRole('button', { name: '确认授权' }).click();

    await page.waitForURL(/app_auth_code=/);
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(`${BASE_URL}/login`);
    expect(landed.searchParams.get('from')).toBe('sandbox-e2e');
    expect(landed.searchParams.get('state')).toBe(state);
    expect(landed.searchParams.get('app_id')).toBe(appId);
    const tokens = await exchangeAuthCode(sdk, landed.searchParams.get('app_auth_code')!);
    expect(tokens.size).toBe(2);
  });

  test('a merchant who refuses lands on the redirect with error=access_denied', async ({ page }) => {
    const { appId } = isvSdk();
    const control = await SandboxApi.asOperator();
    const merchant = uniqueMerchant('refuse');
    await control.createAccount(merchant);
    await control.dispose();
    const state = newState();

    await page.goto(openAuthUrl(appId, redirectUri, state));
    await page.getByLabel('支付宝账号').fill(merchant.logonId);
    await page.getByLabel('登录密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByText('账号或密码错误')).toBeVisible();
    await page.getByLabel('登录密码').fill(merchant.password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByTestId('openauth-account')).toHaveText(merchant.name);
    await page.getByRole('button', { name: /拒\s*绝/ }).click();

    await page.waitForURL(/error=access_denied/);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe(state);
    expect(landed.searchParams.has('app_auth_code')).toBe(false);
  });

  test('a link with a foreign app id or redirect domain shows a clear error', async ({ page }) => {
    const { appId } = isvSdk();
    await page.goto(openAuthUrl('2021000000000000', redirectUri, newState()));
    await expect(page.getByTestId('openauth-error')).toHaveText('app_id 不是本沙箱的第三方应用');
    await page.goto(openAuthUrl(appId, 'https://attacker.example/cb', newState()));
    await expect(page.getByTestId('openauth-error')).toHaveText('redirect_uri 不在该应用的授权回调域名下');
    await shoot(page, 'openauth-error');
  });
});

test.describe('a viewer', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('sees the sandbox page without change controls, and the control API refuses their changes', async ({ page, browser }) => {
    const sandbox = new SandboxPage(page);
    await sandbox.open('audits');
    await expect(page.getByTestId('sandbox-read-only')).toBeVisible();
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /保\s*存|通\s*过|驳\s*回/ })).toHaveCount(0);
    await sandbox.open('accounts');
    await expect(page.getByRole('row').first()).toBeVisible();
    await expect(page.getByRole('button', { name: '创建商家账号' })).toHaveCount(0);
    await sandbox.open('faults');
    await expect(page.getByRole('button', { name: '添加故障规则' })).toHaveCount(0);
    await sandbox.open('settings');
    await expect(page.getByRole('switch')).toHaveCount(1); // only the page's auto-refresh switch
    await shoot(page, 'sandbox-viewer');

    const refused = await page.request.post('/sandbox/api/settings', { data: { reviewMode: 'manual' } });
    expect(refused.status()).toBe(403);
    expect((await page.request.get('/sandbox/api/messages')).status()).toBe(403);

    const anonymous = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    expect((await anonymous.request.post(`${BASE_URL}/sandbox/api/settings`, { data: { reviewMode: 'manual' } })).status()).toBe(401);
    await anonymous.close();
  });
});
