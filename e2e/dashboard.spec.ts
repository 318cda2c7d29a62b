// The dashboard and data analysis, as a provider's staff member uses them: the funnel's counts and the lists they
// open, a rejection under "needs attention" until it is resolved, and a mini-program's figures for yesterday as the
// contract's rule gives them (checked against the sandbox's own request log too).
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import path from 'node:path';
import { LOCALE_COOKIE } from '../lib/i18n/core';
import { beijingCompact, expectedDay } from '../tests/contract/data-rule';
import { E2E_DATA_DIR, storageStateOf } from './support/env';
import { createLinkRow, createMerchantRow, sandboxTokens } from './support/merchants';
import { applyForAudit, isvSdk, SandboxApi, uploadBuiltVersion } from './support/sandbox';
import { authorizedMiniApp, Platform, queryConsole, VersionsTab } from './support/versions';
import { waitForHydration } from './support/pages';

const SHOTS = '/tmp/shots-dashboard';
const STAGES = ['recorded', 'linkSent', 'authorized', 'instantiated', 'inAudit', 'online'] as const;

/** What each stage means, written here in plain SQL from the funnel's definition (not the console's own query). */
const STAGE_SQL: Record<(typeof STAGES)[number], string> = {
  recorded: 'SELECT count(*) AS n FROM merchants WHERE archived_at IS NULL',
  linkSent: `SELECT count(*) AS n FROM merchants m WHERE archived_at IS NULL AND (EXISTS (SELECT 1 FROM authorization_links l WHERE l.merchant_id = m.id) OR EXISTS (SELECT 1 FROM merchant_apps a WHERE a.merchant_id = m.id))`,
  authorized: `SELECT count(*) AS n FROM merchants m WHERE archived_at IS NULL AND EXISTS (SELECT 1 FROM merchant_apps a WHERE a.merchant_id = m.id AND a.status = 'authorized')`,
  instantiated: versionStage('v.status IS NOT NULL'),
  inAudit: versionStage(`v.status IN ('AUDITING','AUDIT_REJECT','WAIT_RELEASE','BASE_AUDIT_PASS','GRAY','RELEASE')`),
  online: versionStage(`v.status = 'RELEASE'`),
};
function versionStage(where: string) {
  return `SELECT count(*) AS n FROM merchants m WHERE archived_at IS NULL AND EXISTS (SELECT 1 FROM merchant_apps a JOIN mini_app_versions v ON v.merchant_app_id = a.id WHERE a.merchant_id = m.id AND a.status = 'authorized' AND v.deleted_at IS NULL AND ${where})`;
}
const expectedCount = (stage: (typeof STAGES)[number]) => queryConsole<{ n: number }>(STAGE_SQL[stage])[0].n;

/** A merchant whose authorized mini-program has one version in the given state (recorded as the console does). */
function seedMerchantWithVersion(status: string) {
  const m = createMerchantRow('漏斗商家');
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  try {
    db.pragma('busy_timeout = 5000');
    const appId = `2099${crypto.randomInt(10 ** 11, 10 ** 12 - 1)}`;
    const app = db.prepare(`INSERT INTO merchant_apps (merchant_id, auth_app_id, app_name, status, authorized_at) VALUES (?, ?, ?, 'authorized', ?)`).run(m.id, appId, `${m.name}小程序`, Date.now());
    db.prepare(`INSERT INTO mini_app_versions (merchant_app_id, auth_app_id, app_version, status) VALUES (?, ?, '1.0.0', ?)`).run(app.lastInsertRowid, appId, status);
    db.prepare(`UPDATE merchants SET auth_status = 'authorized' WHERE id = ?`).run(m.id);
  } finally {
    db.close();
  }
  return m;
}

async function funnelCount(page: Page, stage: string): Promise<number> {
  const text = await page.locator(`[data-stage="${stage}"] .ant-statistic-content-value`).innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

/** A full-page screenshot in Chinese, then the same page in English. */
async function shoot(page: Page, name: string) {
  for (const locale of ['zh-CN', 'en']) {
    await page.context().addCookies([{ name: LOCALE_COOKIE, value: locale, url: page.url() }]);
    await page.reload();
    // Charts load in the browser after the page: wait until every placeholder has become a drawn chart.
    // (best effort: a screenshot is a by-product, never what a test asserts)
    await page.locator('.ant-skeleton-node').first().waitFor({ state: 'detached', timeout: 20_000 }).catch(() => undefined);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `${SHOTS}/${name}-${locale}.png`, fullPage: true });
  }
  await page.context().addCookies([{ name: LOCALE_COOKIE, value: 'zh-CN', url: page.url() }]);
}

test.describe('dashboard (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('the funnel counts match the records and each stage opens the merchants it counted', async ({ page }) => {
    // Five stages, each opened and its list read again until it agrees with the database.
    test.setTimeout(180_000);
    const linkOnly = createMerchantRow('只发链接');
    createLinkRow(linkOnly.id);
    const online = seedMerchantWithVersion('RELEASE');
    const inAudit = seedMerchantWithVersion('AUDITING');
    const dev = seedMerchantWithVersion('INIT');

    // Other specs may add merchants meanwhile: reload until the page and the database agree.
    await expect(async () => {
      await page.goto('/dashboard');
      for (const stage of STAGES) expect(await funnelCount(page, stage), stage).toBe(expectedCount(stage));
    }).toPass({ timeout: 30_000 });
    await shoot(page, 'dashboard');

    for (const stage of STAGES.slice(1)) {
      await page.goto('/dashboard');
      await waitForHydration(page);
      await page.locator(`[data-stage="${stage}"]`).click();
      await expect(page).toHaveURL(new RegExp(`/merchants\\?stage=${stage}$`));
      await expect(page.getByTestId('stage-filter')).toBeVisible();
      // The list's total is the stage's count (read again: another spec may have added one).
      await expect(async () => {
        await page.reload();
        const total = await page.locator('.ant-pagination-total-text').innerText();
        expect(Number(total.replace(/[^\d]/g, ''))).toBe(expectedCount(stage));
      }).toPass({ timeout: 20_000 });
    }
    // The online list holds the online merchant and not the one still in audit or development.
    await page.goto('/merchants?stage=online');
    await expect(page.getByRole('link', { name: online.name })).toBeVisible();
    await expect(page.getByRole('link', { name: inAudit.name })).toHaveCount(0);
    await page.goto('/merchants?stage=inAudit');
    await expect(page.getByRole('link', { name: inAudit.name })).toBeVisible();
    await expect(page.getByRole('link', { name: dev.name })).toHaveCount(0);
    await page.goto('/merchants?stage=linkSent');
    await expect(page.getByRole('link', { name: linkOnly.name })).toBeVisible();
  });

  test('a rejected audit is under “needs attention” with its reason, and leaves once resolved', async ({ page }) => {
    test.setTimeout(300_000);
    const platform = await Platform.asOperator();
    await platform.settings({ reviewMode: 'auto', messageDelivery: 'on' });
    await platform.dispose();
    // The reviewer rejects a name made only of product words.
    const app = await authorizedMiniApp('鲜花预定');
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.submitForAudit('1.0.0', { servicePhone: '0571-88886666', category: ['零售', '鲜花绿植'] });
    await tab.expectStatus('1.0.0', '审核驳回');

    await page.goto('/dashboard');
    const attention = page.getByTestId('attention');
    const reason = attention.getByTestId('reject-reasons').getByRole('link', { name: /过于宽泛/ });
    await expect(reason).toBeVisible();
    await shoot(page, 'dashboard-attention');
    await reason.click();
    await expect(page).toHaveURL(/\/merchants\?stage=rejected&reason=/);
    await expect(page.getByRole('link', { name: app.merchantName })).toBeVisible();

    // Resolved: back to development.
    await tab.open(app.authAppId);
    const drawer = await tab.details('1.0.0');
    await drawer.getByTestId('rejection').getByRole('button', { name: '退回开发' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect(drawer.getByTestId('rejection')).toHaveCount(0, { timeout: 20_000 });
    await tab.closeDetails();

    await page.goto('/merchants?stage=rejected');
    await expect(page.getByTestId('stage-filter')).toBeVisible();
    await expect(page.getByRole('link', { name: app.merchantName })).toHaveCount(0);
    await page.goto('/dashboard');
    const stillRejected = queryConsole<{ n: number }>(`SELECT count(*) AS n FROM mini_app_versions WHERE status = 'AUDIT_REJECT' AND reject_reason LIKE '%鲜花预定%'`)[0].n;
    if (stillRejected === 0) await expect(page.getByTestId('attention').getByRole('link', { name: /鲜花预定/ })).toHaveCount(0);
  });
});

test.describe('data analysis (viewer)', () => {
  test('an online mini-program shows yesterday’s figures exactly as the contract’s rule gives them', async ({ browser }) => {
    test.setTimeout(180_000);
    const name = `青禾${crypto.randomInt(1000, 9999)}花艺`;
    const app = await authorizedMiniApp(name);
    // The platform's side: upload, audit (the reviewer passes), online — with the merchant's token, as Alipay would.
    const { sdk, templateId } = isvSdk();
    const [token] = sandboxTokens([app.authAppId]);
    await uploadBuiltVersion(sdk, token, templateId, '1.0.0');
    await applyForAudit(sdk, token, '1.0.0');
    await expect
      .poll(async () => String((await sdk.exec('alipay.open.mini.version.detail.query', { appAuthToken: token, bizContent: { app_version: '1.0.0', bundle_id: 'com.alipay.alipaywallet' } })).status), { timeout: 30_000 })
      .toBe('WAIT_RELEASE');
    expect((await sdk.exec('alipay.open.mini.version.online', { appAuthToken: token, bizContent: { app_version: '1.0.0', bundle_id: 'com.alipay.alipaywallet' } })).code).toBe('10000');
    // As if it went online three days ago: yesterday is its third live day.
    const control = await SandboxApi.asOperator();
    expect(await control.backdateRelease(app.authAppId, 3)).toEqual({ shifted: 1 });
    await control.dispose();

    const viewer = await browser.newContext({ storageState: storageStateOf('viewer') });
    const v = await viewer.newPage();
    await v.goto(`/merchants/${app.merchantId}/analytics`);
    await expect(v.getByTestId('yesterday')).toContainText('还没有数据');
    await v.getByRole('button', { name: '更新数据' }).click();
    await expect(v.getByText('已请求更新')).toBeVisible();

    const yesterday = beijingCompact(Date.now(), 1);
    const e = expectedDay(app.authAppId, yesterday, 3);
    const figure = (key: string) => v.getByTestId('yesterday').getByTestId(`figure-${key}`).locator('.ant-statistic-content-value');
    await expect(async () => {
      await v.reload();
      expect((await figure('uv').innerText()).replace(/,/g, '')).toBe(String(e.app_uv));
    }).toPass({ timeout: 30_000 });
    const shown = async (key: string) => Number((await figure(key).innerText()).replace(/[^\d]/g, ''));
    expect(await shown('pv')).toBe(e.app_pv);
    expect(await shown('newUsers')).toBe(e.new_user_cnt);
    expect(await shown('launches')).toBe(e.launch_cnt);
    expect(await shown('shares')).toBe(e.share_cnt);
    expect(await shown('stayPerUser')).toBe(e.avg_stay_time_per_user);
    expect(await shown('stayPerVisit')).toBe(e.avg_stay_time_per_visit);
    await expect(v.getByText('昨日概况')).toBeVisible();

    // The platform's own record: the console asked summary.query for this mini-program (and the real-time methods).
    const sandbox = new Database(path.join(E2E_DATA_DIR, 'sandbox.db'), { readonly: true });
    try {
      const methods = (sandbox.prepare(`SELECT DISTINCT method FROM request_log WHERE auth_app_id = ? AND method LIKE 'alipay.open.mini.data.%'`).all(app.authAppId) as { method: string }[]).map((r) => r.method).sort();
      expect(methods).toEqual(['alipay.open.mini.data.page.query', 'alipay.open.mini.data.summary.query', 'alipay.open.mini.data.visit.query', 'alipay.open.mini.data.visittrend.query']);
    } finally {
      sandbox.close();
    }
    // Stored once per day however often it was fetched.
    const rows = queryConsole<{ n: number; d: number }>(`SELECT count(*) AS n, count(DISTINCT report_date) AS d FROM mini_app_daily_stats WHERE merchant_app_id = ?`, app.merchantAppId)[0];
    expect(rows.n).toBe(rows.d);
    await shoot(v, 'analytics-tab');
    await v.goto('/analytics?days=7');
    await expect(v.getByRole('link', { name }).first()).toBeVisible();
    await shoot(v, 'analytics-fleet');
    await viewer.close();
  });
});
