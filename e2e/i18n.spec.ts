// Messages and logs in the reader's language: what the console stores is a message key and its parameters, so a
// message written while everyone read Chinese reads in English for an English reader; the operation log reads as
// sentences, filters by day and exports what the page shows.
import { expect, request, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BASE_URL, storageStateOf } from './support/env';
import { Shell } from './support/pages';
import { authorizedMiniApp, queryConsole, VersionsTab } from './support/versions';

const SHOTS = '/tmp/shots-i18n';
async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** The sandbox's own records (what the platform received), read through its control API. */
async function sandboxRecords<T>(what: string): Promise<T> {
  const api = await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') });
  try {
    const response = await api.get(`/sandbox/api/${what}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: T }).data;
  } finally {
    await api.dispose();
  }
}

const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test.describe('messages and logs in the reader’s language', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('an inbox message created in Chinese reads in English after switching language', async ({ page }) => {
    const appName = `译文${crypto.randomInt(1000, 9999)}花店`;
    const app = await authorizedMiniApp(appName);
    // The platform holds the authorization the message is about.
    const authorizations = await sandboxRecords<{ appId?: string; authAppId?: string }[]>('authorizations');
    expect(authorizations.some((a) => (a.appId ?? a.authAppId) === app.authAppId)).toBe(true);
    // Stored as a key and parameters, not as Chinese text only.
    expect(queryConsole<{ key: string }>(`SELECT key FROM messages WHERE merchant_id = ? AND type = 'authorization.granted'`, app.merchantId)).toEqual([
      { key: 'inbox.notices.authorizationGranted' },
    ]);

    await page.goto(`/messages?merchant=${app.merchantId}`);
    const row = page.locator('tr[data-read]').filter({ hasText: app.merchantName });
    await expect(row).toContainText(`商家「${app.merchantName}」已授权 1 个小程序`);
    await expect(row).toContainText(`已授权：${appName} (${app.authAppId})。`);
    await shoot(page, 'inbox-zh');

    await new Shell(page).switchLanguage('English');
    await expect(page.getByRole('heading', { name: 'Messages' })).toBeVisible();
    await expect(row).toContainText(`${app.merchantName} authorized 1 mini-program`);
    await expect(row).toContainText(`Authorized: ${appName} (${app.authAppId}).`);
    await expect(row).not.toContainText('已授权');
    await shoot(page, 'inbox-en');
  });

  test('the operation log reads as sentences, filters by day, shows the raw request and exports CSV', async ({ page }) => {
    test.setTimeout(120_000);
    const appName = `日志${crypto.randomInt(1000, 9999)}茶馆`;
    const app = await authorizedMiniApp(appName);
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    // The platform received the upload.
    const versions = await sandboxRecords<{ appVersion: string }[]>(`versions?appId=${app.authAppId}`);
    expect(versions.map((v) => v.appVersion)).toContain('1.0.0');
    const [{ name: actor }] = queryConsole<{ name: string }>(
      `SELECT u.name FROM operation_logs l JOIN users u ON u.id = l.actor_id WHERE l.action = 'versions.upload' AND l.target_id = ?`,
      `${app.authAppId}@1.0.0`,
    );
    const sentence = `${actor} 上传了 ${appName} 1.0.0`;

    await page.goto('/operation-log?action=versions.upload');
    await expect(page.getByTestId('operation-sentence').filter({ hasText: sentence })).toBeVisible();

    // Today's range, picked the way staff do it.
    const today = beijingToday();
    const picker = page.locator('.ant-picker-range');
    await picker.locator('input').first().click();
    await picker.locator('input').first().fill(today);
    await picker.locator('input').first().press('Enter');
    await picker.locator('input').nth(1).fill(today);
    await picker.locator('input').nth(1).press('Enter');
    await page.getByRole('button', { name: /搜\s*索/ }).click();
    await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}|to=${today}.*from=${today}`));
    const row = page.locator('tr').filter({ has: page.getByTestId('operation-sentence').filter({ hasText: sentence }) });
    await expect(row).toBeVisible();

    // The raw record, one click away.
    await row.getByRole('button', { name: '展开行' }).click();
    const raw = page.getByTestId('operation-raw').first();
    await expect(raw).toContainText('versions.upload');
    await expect(raw).toContainText('"appVersion": "1.0.0"');
    await shoot(page, 'operation-log-zh');

    // CSV of exactly this filter.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: /导出 CSV/ }).click();
    const file = await (await downloading).path();
    const csv = fs.readFileSync(file!, 'utf8');
    expect(csv).toContain(sentence);
    expect(csv.split('\r\n').filter((l) => l.includes('versions.upload')).length).toBeGreaterThanOrEqual(1);
    expect(csv).not.toContain('staff.');

    // A day with nothing in it.
    await page.goto('/operation-log?action=versions.upload&from=2020-01-01&to=2020-01-02');
    await expect(page.getByTestId('operation-sentence')).toHaveCount(0);

    // The same record in English, on the page and in the CSV.
    await page.goto(`/operation-log?action=versions.upload&from=${today}&to=${today}`);
    await new Shell(page).switchLanguage('English');
    const english = `${actor} uploaded ${appName} 1.0.0`;
    await expect(page.getByTestId('operation-sentence').filter({ hasText: english })).toBeVisible();
    await shoot(page, 'operation-log-en');
    const exported = await page.request.get(`/api/operation-log/export?action=versions.upload&from=${today}&to=${today}`);
    expect(exported.status()).toBe(200);
    expect(await exported.text()).toContain(english);
    // Taking the log is itself recorded.
    expect(queryConsole(`SELECT 1 FROM operation_logs WHERE action = 'operationLog.export'`).length).toBeGreaterThanOrEqual(2);
  });
});
