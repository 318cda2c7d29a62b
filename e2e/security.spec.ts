// What a stranger, a viewer and a hostile page can do: nothing of a merchant reaches a signed-out visitor, the
// console cannot be framed, the CSP lets every page render and hydrate without a violation, and read state is each
// staff member's own.
import { expect, request, test, type ConsoleMessage, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BASE_URL, E2E_DATA_DIR, OWNER, storageStateOf } from './support/env';
import { createLinkRow, createMerchantRow, recordAuthorizedMerchant } from './support/merchants';
import { LoginPage, Shell, waitForHydration } from './support/pages';
import { createStaff } from './support/staff-factory';
import { queryConsole, shoot } from './support/versions';

function writeConsole(sql: string, ...params: unknown[]): number {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  try {
    db.pragma('busy_timeout = 5000');
    return Number(db.prepare(sql).run(...params).lastInsertRowid);
  } finally {
    db.close();
  }
}

/** CSP violations the browser reports while a page loads and runs. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test.describe('a signed-out visitor', () => {
  test('sees nothing of a merchant on any console URL, and the request writes nothing', async ({ page }) => {
    const merchant = createMerchantRow('保密商家');
    const appId = `2021${Date.now().toString().slice(-12)}`;
    const authorized = recordAuthorizedMerchant({ name: `${merchant.name}乙`, userId: '2088000000000099', appId, appName: '秘密小程序', token: 'tok-secret' });
    const urls = [
      `/merchants/${merchant.id}`,
      `/merchants/${merchant.id}/profile`,
      `/merchants/${merchant.id}/authorization`,
      `/merchants/${merchant.id}/versions`,
      `/merchants/${merchant.id}/members`,
      `/merchants/${merchant.id}/codes`,
      `/merchants/${authorized.merchantId}`,
      `/mini-apps/${appId}/versions`,
      '/merchants',
      '/messages',
      '/operation-log',
      '/api/merchants/export',
      '/api/messages/unread',
      '/sandbox/api/accounts',
    ];
    const stranger = await request.newContext({ baseURL: BASE_URL });
    const logBefore = queryConsole<{ n: number }>('SELECT count(*) AS n FROM operation_logs')[0].n;
    for (const url of urls) {
      const response = await stranger.get(url, { maxRedirects: 0 });
      const body = await response.text();
      expect([307, 401], url).toContain(response.status());
      expect(body, url).not.toContain(merchant.name);
      expect(body, url).not.toContain('秘密小程序');
      expect(body, url).not.toContain('<title>');
      if (response.status() === 307) expect(response.headers().location, url).toMatch(/\/login/);
    }
    // Server actions posted to a console page without a session are refused before any page code runs.
    const action = await stranger.post(`/merchants/${merchant.id}`, { headers: { 'next-action': 'x', 'content-type': 'text/plain' }, data: '[]', maxRedirects: 0 });
    expect(action.status()).toBe(401);
    expect(queryConsole<{ n: number }>('SELECT count(*) AS n FROM operation_logs')[0].n).toBe(logBefore);
    await stranger.dispose();

    // And in the browser: the sign-in page, whose title names no merchant.
    await page.goto(`/merchants/${merchant.id}`);
    await expect(page).toHaveURL(/\/login/);
    await expect(page).not.toHaveTitle(new RegExp(merchant.name));
  });

  test('a mangled authorization link shows the unknown-link page, not a server error', async ({ request: api }) => {
    for (const url of ['/authorize/%ff', '/authorize/%00%ff', '/authorize/..%2F..%2Fetc%2Fpasswd', '/authorize/%00']) {
      const response = await api.get(url);
      expect(response.status(), url).toBeLessThan(500);
      expect(await response.text(), url).toContain('链接');
    }
  });
});

test.describe('sessions', () => {
  test('signing out ends the session on the server: a copy of the cookie taken before no longer works', async ({ page }) => {
    const user = createStaff('viewer', 'copycookie');
    await new LoginPage(page).signInAndWait(user.email, user.password);
    const copied = await page.context().storageState();
    await new Shell(page).signOut();
    await expect(page).toHaveURL(/\/login/);
    const replay = await request.newContext({ baseURL: BASE_URL, storageState: copied });
    expect((await replay.get('/api/messages/unread')).status()).toBe(401);
    expect((await replay.get('/dashboard', { maxRedirects: 0 })).status()).toBe(307);
    await replay.dispose();
    expect(queryConsole<{ v: number }>('SELECT session_version AS v FROM users WHERE email = ?', user.email)[0].v).toBe(1);
  });

  test('exports of merchant data are in the operation log', async () => {
    const viewer = await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('viewer') });
    const response = await viewer.get('/api/merchants/export?status=unauthorized');
    expect(response.status()).toBe(200);
    const logged = queryConsole<{ actor: string; input: string }>(
      `SELECT actor_email AS actor, input FROM operation_logs WHERE action = 'merchants.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(logged[0].actor).toMatch(/viewer/);
    expect(logged[0].input).toContain('unauthorized');
    await viewer.dispose();
  });
});

test.describe('framing and the content security policy', () => {
  test('the console and the authorization page refuse to be framed by another origin', async ({ page }) => {
    const merchant = createMerchantRow('防框商家');
    const link = createLinkRow(merchant.id);
    // A hostile page on another origin (another port) framing the console's pages.
    const hostile = http.createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<html><body><iframe id="a" src="${BASE_URL}/login"></iframe><iframe id="b" src="${BASE_URL}${link}"></iframe></body></html>`);
    });
    await new Promise<void>((r) => hostile.listen(0, '127.0.0.1', r));
    try {
      const port = (hostile.address() as AddressInfo).port;
      const refusals: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors|X-Frame-Options|Refused to (display|frame)/i.test(m.text())) refusals.push(m.text());
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await expect.poll(() => refusals.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
        // A refused frame holds the browser's error page, never the console's.
        const text = await frame.locator('body').innerText().catch(() => '');
        expect(text).not.toContain('员工登录');
        expect(text).not.toContain(merchant.name);
      }
    } finally {
      hostile.close();
    }
    const headers = (await page.request.get('/login')).headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBeTruthy();
    expect((await page.request.get(link)).headers()['referrer-policy']).toBe('no-referrer');
  });

  test('signed-in pages render and hydrate under the CSP with no violation', async ({ browser }) => {
    // Five pages loaded and hydrated in turn, then a client-side navigation: more than a minute on a busy machine.
    test.setTimeout(120_000);
    const context = await browser.newContext({ storageState: storageStateOf('owner') });
    const page = await context.newPage();
    const violations = watchCsp(page);
    for (const url of ['/dashboard', '/merchants', '/messages', '/sandbox', '/batches']) {
      const response = await page.goto(url);
      expect(response?.headers()['content-security-policy'], url).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
      await waitForHydration(page);
    }
    // Client-side navigation and an antd dialog (CSS-in-JS inserting styles at run time) still work.
    await page.goto('/merchants');
    await waitForHydration(page);
    await page.getByRole('link', { name: /工作台/ }).first().click();
    await expect(page).toHaveURL(/\/dashboard/);
    await shoot(page, 'security-dashboard-csp');
    expect(violations).toEqual([]);
    await context.close();
  });

  test('the public sign-in, authorization and sandbox Alipay pages render and hydrate under the CSP', async ({ page }) => {
    const violations = watchCsp(page);
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(OWNER.email);
    await expect(page.getByLabel('邮箱')).toHaveValue(OWNER.email);
    const merchant = createMerchantRow('策略商家');
    const link = createLinkRow(merchant.id);
    await page.goto(link);
    await expect(page.getByTestId('authorize-merchant')).toContainText(merchant.name);
    await shoot(page, 'security-authorize-csp');
    // The button leads through the sandbox's Alipay authorization page (a client form).
    await page.getByRole('link', { name: /授权|authorize/i }).first().click();
    await expect(page).toHaveURL(/\/sandbox\/openauth\//);
    await expect(page.getByRole('button').first()).toBeVisible();
    await shoot(page, 'security-openauth-csp');
    expect(violations).toEqual([]);
  });
});

test.describe('read state', () => {
  test("a viewer's mark-all-read leaves another person's unread count alone", async ({ browser }) => {
    const title = `安全测试通知${Date.now()}`;
    const messageId = writeConsole(`INSERT INTO messages (type, title, created_at) VALUES ('system', ?, ?)`, title, Date.now());
    const operator = await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') });
    const unreadOf = async (api: typeof operator) => ((await (await api.get('/api/messages/unread')).json()) as { count: number }).count;
    const operatorBefore = await unreadOf(operator);
    expect(operatorBefore).toBeGreaterThan(0);

    const context = await browser.newContext({ storageState: storageStateOf('viewer') });
    const page = await context.newPage();
    await page.goto('/messages');
    await waitForHydration(page);
    await expect(page.locator('tr[data-read="false"]', { hasText: title })).toBeVisible();
    await page.getByRole('button', { name: /全部标为已读/ }).click();
    await expect(page.locator('tr[data-read="true"]', { hasText: title })).toBeVisible();
    expect(await unreadOf(page.request)).toBe(0);

    // The operator's inbox is untouched, in the count and in the database.
    expect(await unreadOf(operator)).toBe(operatorBefore);
    const reads = queryConsole<{ email: string }>(
      'SELECT u.email FROM message_reads r JOIN users u ON u.id = r.user_id WHERE r.message_id = ?',
      messageId,
    ).map((r) => r.email);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/viewer/);
    await operator.dispose();
    await context.close();
  });
});
