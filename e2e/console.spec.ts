import { expect, test } from '@playwright/test';
import { storageStateOf } from './support/env';

test.use({ storageState: storageStateOf('operator') });

test('settings show the sandbox gateway, the app id and public keys but no private key', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('alipay-mode')).toHaveText('内置沙箱');
  await expect(page.getByTestId('alipay-gateway')).toContainText('/sandbox/gateway.do');
  await expect(page.getByTestId('alipay-app-id')).toHaveText(/^\d{16}$/);
  await expect(page.getByText('BEGIN PUBLIC KEY').first()).toBeVisible();
  expect(await page.content()).not.toContain('PRIVATE KEY');
});

test('the operation log filters by operation and pages through entries', async ({ page }) => {
  await page.goto('/operation-log?action=auth.signIn&pageSize=10');
  await expect(page.getByRole('heading', { name: '操作日志' })).toBeVisible();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toContainText('登录');
  for (const text of await rows.allInnerTexts()) expect(text).toContain('登录');
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
});
