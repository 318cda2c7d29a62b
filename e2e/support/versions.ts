// Version management in end-to-end tests: an authorized mini-program made through the console's own authorization
// route and the sandbox, and the Versions tab as a page object that speaks in what staff do there.
import { expect, request, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { BASE_URL, E2E_DATA_DIR, storageStateOf } from './env';
import { chooseOption, openDialog } from './pages';
import { isvSdk, SandboxApi } from './sandbox';

export const SHOTS = '/tmp/shots';

export async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * A button's name: antd puts a space between the two characters of a two-character Chinese label, and an icon
 * (a loading one included) adds its own name.
 */
export const label = (text: string) => new RegExp([...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*'));

function consoleDb() {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'));
  db.pragma('busy_timeout = 5000');
  return db;
}

export function queryConsole<T>(sql: string, ...params: unknown[]): T[] {
  const db = consoleDb();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export interface AuthorizedMiniApp {
  merchantId: number;
  merchantName: string;
  merchantAppId: number;
  authAppId: string;
  appName: string;
}

/** A merchant record as staff would enter it, and an authorization link for it (only its hash is stored). */
function merchantWithLink(name: string): { merchantId: number; token: string } {
  const db = consoleDb();
  try {
    const mobile = `13${crypto.randomInt(100_000_000, 999_999_999)}`;
    const merchant = db
      .prepare(`INSERT INTO merchants (name, contact_name, mobile, industry) VALUES (?, ?, ?, 'retail')`)
      .run(name, '测试联系人', mobile);
    const merchantId = Number(merchant.lastInsertRowid);
    const token = crypto.randomBytes(32).toString('base64url');
    db.prepare(`INSERT INTO authorization_links (merchant_id, token_hash, token_hint, expires_at) VALUES (?, ?, ?, ?)`).run(
      merchantId,
      crypto.createHash('sha256').update(token, 'utf8').digest('hex'),
      token.slice(-6),
      Date.now() + 7 * 24 * 3600_000,
    );
    return { merchantId, token };
  } finally {
    db.close();
  }
}

/**
 * A mini-program authorized to the console the way a merchant does it: the console's authorization link sends the
 * browser to the sandbox's Alipay, the merchant confirms, Alipay redirects to the console's callback.
 */
export async function authorizedMiniApp(appName: string): Promise<AuthorizedMiniApp> {
  const tag = crypto.randomBytes(3).toString('hex');
  const merchantName = `版本测试商家${tag}`;
  const control = await SandboxApi.asOperator();
  const browserless = await request.newContext({ baseURL: BASE_URL });
  try {
    const account = await control.createAccount({ name: merchantName, logonId: `v-${tag}@sandbox.test`, password: `pw-${tag}`, miniApps: [appName] });
    const authAppId = account.miniApps[0].appId;
    const { merchantId, token } = merchantWithLink(merchantName);
    const start = await browserless.get(`/authorize/${token}/start`, { maxRedirects: 0 });
    expect(start.status()).toBe(303);
    const state = new URL(start.headers().location).searchParams.get('state')!;
    const { redirectTo } = await control.authorize({ userId: account.userId, appIds: [authAppId], redirectUri: `${BASE_URL}/api/alipay/callback`, state });
    const callback = await browserless.get(redirectTo, { maxRedirects: 0 });
    expect(callback.status()).toBe(303);
    const [row] = queryConsole<{ id: number; status: string }>(`SELECT id, status FROM merchant_apps WHERE auth_app_id = ?`, authAppId);
    expect(row?.status, 'the console recorded the authorization').toBe('authorized');
    return { merchantId, merchantName, merchantAppId: row.id, authAppId, appName };
  } finally {
    await browserless.dispose();
    await control.dispose();
  }
}

/** The sandbox's JSON control surface for what SandboxApi does not cover. */
export class Platform {
  private constructor(private readonly api: APIRequestContext) {}

  static async asOperator(): Promise<Platform> {
    return new Platform(await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') }));
  }

  async dispose() {
    await this.api.dispose();
  }

  async settings(patch: Record<string, unknown> = {}) {
    const response = await this.api.post('/sandbox/api/settings', { data: patch });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { data: Record<string, unknown> }).data;
  }

  /** The platform's own view of the mini-program's versions (what the reviewer decided, …). */
  async audits(): Promise<{ appId: string; appVersion: string }[]> {
    const response = await this.api.get('/sandbox/api/audits');
    return ((await response.json()) as { data: { appId: string; appVersion: string }[] }).data;
  }

  async messages(): Promise<{ msgMethod?: string; appId?: string; status?: string; bizContent?: string }[]> {
    const response = await this.api.get('/sandbox/api/messages');
    return ((await response.json()) as { data: [] }).data;
  }
}

/** A PNG screenshot (a QR code image) of the given width. */
export function screenshotPng(text: string, width = 180): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width, margin: 1 });
}

export interface AuditSubmission {
  versionDesc?: string;
  appName?: string;
  servicePhone?: string;
  category?: [string, string];
  screenshots?: number;
  /** Screenshot each step of the wizard under this prefix. */
  shots?: string;
}

export class VersionsTab {
  constructor(readonly page: Page) {}

  async open(authAppId: string, version?: string) {
    await this.page.goto(`/mini-apps/${authAppId}/versions${version ? `?version=${version}` : ''}`);
    await expect(this.page.getByTestId('versions-tab')).toBeVisible();
  }

  card(kind: 'online' | 'review' | 'experience'): Locator {
    return this.page.getByTestId(`card-${kind}`);
  }

  row(version: string): Locator {
    return this.page.locator(`tr[data-version="${version}"]`);
  }

  async expectStatus(version: string, status: string | RegExp, timeout = 30_000) {
    await expect(this.row(version).getByTestId('version-status')).toHaveText(status, { timeout });
  }

  /**
   * Upload from the default template; waits until the build result is shown. The ext is the template's rendering
   * unless `ext` is given, which is typed as this upload's own.
   */
  async upload(appVersion: string, ext?: string) {
    const dialog = await openDialog(this.page, '上传新版本');
    await expect(dialog.getByLabel('版本号')).toHaveValue(appVersion);
    if (ext !== undefined) {
      await dialog.getByText('本次自定义', { exact: true }).click();
      await dialog.getByLabel('ext 配置（JSON）').fill(ext);
    }
    await dialog.getByRole('button', { name: '上传并构建' }).click();
    await expect(dialog.getByText(`版本 ${appVersion} 构建成功`)).toBeVisible({ timeout: 20_000 });
    await dialog.getByRole('button', { name: label('完成') }).click();
    await expect(dialog).toBeHidden();
    await this.expectStatus(appVersion, '开发中');
  }

  /** Clicks an operation of a version in the table and confirms the dialog that says what will happen. */
  async operate(version: string, operation: string, confirmText?: string | RegExp) {
    await this.row(version).getByRole('button', { name: label(operation) }).click();
    const confirm = this.page.locator('.ant-modal-confirm');
    await expect(confirm).toBeVisible();
    if (confirmText) await expect(confirm).toContainText(confirmText);
    await confirm.getByRole('button', { name: new RegExp(`确\\s*定`) }).click();
    await expect(confirm).toBeHidden({ timeout: 20_000 });
  }

  async gray(version: string, percent: 10 | 30 | 50) {
    const button = this.row(version).getByRole('button', { name: /灰度发布|扩大灰度/ });
    await button.click();
    const dialog = this.page.getByRole('dialog').filter({ hasText: '灰度比例' });
    await expect(dialog).toBeVisible();
    await dialog.getByText(`${percent}%`, { exact: true }).click();
    await dialog.getByRole('button', { name: '确定灰度' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await this.expectStatus(version, `灰度中 ${percent}%`);
  }

  /** The three-step wizard: agreement → information → confirm → submit. */
  async submitForAudit(version: string, s: AuditSubmission = {}) {
    await this.row(version).getByRole('button', { name: '提交审核' }).click();
    const dialog = this.page.getByRole('dialog').filter({ hasText: `提交审核 · 版本 ${version}` });
    await expect(dialog.getByText('支付宝小程序提审须知')).toBeVisible({ timeout: 15_000 });
    await expect(dialog.getByRole('button', { name: '下一步' })).toBeDisabled();
    if (s.shots) await shoot(this.page, `${s.shots}-1-agreement`);
    await dialog.getByText('我已阅读并同意以上须知').click();
    await dialog.getByRole('button', { name: '下一步' }).click();

    await dialog.getByLabel('版本描述').fill(s.versionDesc ?? '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题');
    const shots = await Promise.all(Array.from({ length: s.screenshots ?? 2 }, (_, i) => screenshotPng(`screen ${version} ${i}`)));
    await dialog
      .locator('.ant-form-item')
      .filter({ hasText: '小程序截图' })
      .locator('input[type=file]')
      .setInputFiles(shots.map((buffer, i) => ({ name: `screen-${i + 1}.png`, mimeType: 'image/png', buffer })));
    await dialog.getByText('修改小程序信息（可选，不填则沿用当前资料）').click();
    if (s.appName) await dialog.getByLabel('小程序名称').fill(s.appName);
    if (s.servicePhone) {
      // The mini-program keeps its own contact unless staff choose to set one.
      await dialog.getByLabel('设置新的客服电话和邮箱').check();
      await dialog.getByRole('textbox', { name: '客服电话' }).fill(s.servicePhone);
    }
    if (s.category) await this.chooseCategory(dialog, s.category);
    if (s.shots) await shoot(this.page, `${s.shots}-2-information`);
    await dialog.getByRole('button', { name: '下一步' }).click();

    const confirm = dialog.getByTestId('audit-confirm');
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(`${s.screenshots ?? 2} 张`);
    if (s.appName) await expect(confirm).toContainText(s.appName);
    if (s.shots) await shoot(this.page, `${s.shots}-3-confirm`);
    await dialog.getByRole('button', { name: '提交审核' }).click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await this.expectStatus(version, /审核中|待上架|审核驳回/);
  }

  private async chooseCategory(dialog: Locator, [first, second]: [string, string]) {
    const field = dialog.locator('.ant-form-item').filter({ hasText: '类目' }).locator('.ant-select').first();
    const menus = this.page.locator('.ant-cascader-dropdown:not(.ant-select-dropdown-hidden)');
    await expect(async () => {
      await field.click();
      await expect(menus).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    await menus.locator('.ant-cascader-menu-item', { hasText: first }).first().click();
    await menus.locator('.ant-cascader-menu-item', { hasText: second }).first().click();
    await this.page.keyboard.press('Escape');
  }

  async closeDetails() {
    const drawer = this.page.locator('.ant-drawer-open');
    await drawer.getByRole('button', { name: '关闭' }).click();
    await expect(drawer).toHaveCount(0);
  }

  /** Opens the version's detail drawer. */
  async details(version: string): Promise<Locator> {
    const drawer = this.page.locator('.ant-drawer').filter({ hasText: `版本 ${version}` });
    // A click before the tab has hydrated is lost: click again until the drawer shows.
    await expect(async () => {
      await this.row(version).getByRole('button', { name: label('详情') }).click();
      await expect(drawer).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    return drawer;
  }
}

export { chooseOption };

/** A category set on the platform (baseinfo.modify, top-level fields as the console sends them) and remembered by the
 * console, as the profile tab does it: what the audit pre-flight needs of each mini-program. */
export async function giveCategory(m: { appId: string; token: string }, category = '1002_100203') {
  const r = await isvSdk().sdk.exec('alipay.open.mini.baseinfo.modify', { app_auth_token: m.token, app_category_ids: category, service_phone: '0571-88886666' }, { validateSign: true });
  expect(r.code, `${r.subCode ?? ''} ${r.subMsg ?? ''}`).toBe('10000');
  queryConsole(`UPDATE merchant_apps SET category_ids = ? WHERE auth_app_id = ? RETURNING id`, category, m.appId);
}
