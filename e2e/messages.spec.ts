import { expect, test } from '@playwright/test';
import crypto from 'node:crypto';
import { storageStateOf } from './support/env';
import { chooseOption } from './support/pages';
import { authorizedMiniApp, Platform, queryConsole, shoot, VersionsTab } from './support/versions';

test.beforeAll(async () => {
  const platform = await Platform.asOperator();
  await platform.settings({ reviewMode: 'auto', messageDelivery: 'on' });
  await platform.dispose();
});

test.describe('the messages inbox', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('audit results and authorizations reach one inbox: unread count, filters, links, mark read', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await authorizedMiniApp(`鹿鸣${crypto.randomInt(1000, 9999)}花艺`);
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.submitForAudit('1.0.0', { servicePhone: '0571-88886666', category: ['零售', '鲜花绿植'] });
    await tab.expectStatus('1.0.0', '待上架');
    await expect.poll(() => queryConsole(`SELECT 1 FROM messages WHERE mini_app_id = ? AND type = 'audit.passed'`, app.authAppId).length).toBe(1);

    await page.goto('/messages');
    await expect(page.getByRole('heading', { name: '消息中心' })).toBeVisible();
    // What the header's unread badge shows.
    const unread = await page.request.get('/api/messages/unread');
    expect(((await unread.json()) as { count: number }).count).toBeGreaterThan(0);

    await chooseOption(page, page.getByRole('combobox', { name: '商家' }), app.merchantName, { search: true });
    await expect(page).toHaveURL(new RegExp(`merchant=${app.merchantId}`));
    const rows = page.locator('tr[data-read]');
    await expect(rows).toHaveCount(2);
    const audit = rows.filter({ hasText: '审核通过' });
    await expect(audit).toContainText(`版本 1.0.0`);
    await expect(audit).toContainText(app.merchantName);
    await expect(audit).toHaveAttribute('data-read', 'false');
    await expect(rows.filter({ hasText: '授权成功' })).toHaveCount(1);
    await shoot(page, 'inbox');

    await chooseOption(page, page.getByRole('combobox', { name: '类型' }), '审核消息');
    await expect(rows).toHaveCount(1);

    // The message leads to its version, and reading it marks it read.
    await audit.getByRole('button', { name: '查看' }).click();
    await expect(page).toHaveURL(new RegExp(`/mini-apps/${app.authAppId}/versions\\?version=1.0.0`));
    await expect(page.locator('.ant-drawer').filter({ hasText: '版本 1.0.0' })).toBeVisible();
    // Read state is the reader's own (message_reads).
    expect(queryConsole<{ read: number }>(`SELECT EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id) AS read FROM messages m WHERE m.mini_app_id = ? AND m.type = 'audit.passed'`, app.authAppId)).toEqual([
      { read: 1 },
    ]);

    await page.goto(`/messages?merchant=${app.merchantId}&unread=1`);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('授权成功');
    await rows.getByRole('button', { name: '标为已读' }).click();
    await expect(page.getByText('没有消息')).toBeVisible();
    expect(queryConsole(`SELECT 1 FROM messages m WHERE m.merchant_id = ? AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id)`, app.merchantId)).toHaveLength(0);
  });

  test('a rejection arrives with its reason; “all read” marks only what the filter shows', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await authorizedMiniApp('杭州开锁服务');
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.submitForAudit('1.0.0', { servicePhone: '0571-88886666', category: ['零售', '鲜花绿植'] });
    await tab.expectStatus('1.0.0', '审核驳回');

    await page.goto(`/messages?merchant=${app.merchantId}`);
    const rejected = page.locator('tr[data-read]').filter({ hasText: '审核驳回' });
    await expect(rejected).toContainText('驳回原因');
    await expect(rejected).toContainText('过于宽泛');
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await expect(page.locator('tr[data-read="false"]')).toHaveCount(0);
    expect(queryConsole(`SELECT 1 FROM messages m WHERE m.merchant_id = ? AND NOT EXISTS (SELECT 1 FROM message_reads r WHERE r.message_id = m.id)`, app.merchantId)).toHaveLength(0);
  });
});

test('a viewer reads the inbox', async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf('viewer') });
  const page = await context.newPage();
  await page.goto('/messages');
  await expect(page.getByRole('heading', { name: '消息中心' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '类型' })).toBeVisible();
  await context.close();
});
