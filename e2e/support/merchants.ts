// Merchants in e2e: factories that write straight to the run's console.db (for tests not about creating them),
// readers for what the console stored, and page objects that speak in the user's intent.
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createTokenCipher } from '@/lib/crypto/token-cipher';
import { E2E_DATA_DIR } from './env';
import type { SandboxAccount } from './sandbox';
import { waitForHydration } from './pages';

function open(readonly = false) {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'), { readonly });
  db.pragma('busy_timeout = 5000');
  return db;
}

export function uniqueTag() {
  return crypto.randomBytes(3).toString('hex');
}

export function uniqueMobile(): string {
  return `13${crypto.randomInt(0, 10)}${crypto.randomInt(0, 1e8).toString().padStart(8, '0')}`;
}

/**
 * A merchant with one authorized mini-program, recorded the way the authorization callback does it (the token
 * sealed at rest with the run's key), for specs about what staff do once a merchant has authorized.
 */
export function recordAuthorizedMerchant(m: { name: string; userId: string; appId: string; appName: string; token: string }): { merchantId: number; merchantAppId: number } {
  const key = Buffer.from(fs.readFileSync(path.join(E2E_DATA_DIR, 'secrets', 'token-key'), 'utf8').trim(), 'hex');
  const sealed = createTokenCipher(key).encrypt(m.token, `merchant_app:${m.appId}:app_auth_token`);
  const db = open();
  try {
    const merchant = db
      .prepare(`INSERT INTO merchants (name, contact_name, mobile, industry, auth_status) VALUES (?, '王经理', ?, 'retail', 'authorized')`)
      .run(m.name, uniqueMobile());
    const app = db
      .prepare(`INSERT INTO merchant_apps (merchant_id, auth_app_id, user_id, app_name, status, app_auth_token_enc, authorized_at) VALUES (?, ?, ?, ?, 'authorized', ?, ?)`)
      .run(merchant.lastInsertRowid, m.appId, m.userId, m.appName, sealed, Date.now());
    return { merchantId: Number(merchant.lastInsertRowid), merchantAppId: Number(app.lastInsertRowid) };
  } finally {
    db.close();
  }
}

export interface TestMerchant {
  id: number;
  name: string;
  mobile: string;
}

export function createMerchantRow(label = '测试工厂'): TestMerchant {
  const name = `${label}${uniqueTag()}`;
  const mobile = uniqueMobile();
  const db = open();
  try {
    const info = db
      .prepare(`INSERT INTO merchants (name, contact_name, mobile, industry, created_at, updated_at) VALUES (?, '联系人', ?, 'retail', ?, ?)`)
      .run(name, mobile, Date.now(), Date.now());
    return { id: Number(info.lastInsertRowid), name, mobile };
  } finally {
    db.close();
  }
}

/** An authorization link with a known token, in any state (the console stores only its hash). */
export function createLinkRow(merchantId: number, opts: { expiresInMs?: number; revoked?: boolean } = {}): string {
  const token = crypto.randomBytes(32).toString('base64url');
  const db = open();
  try {
    db.prepare(`INSERT INTO authorization_links (merchant_id, token_hash, token_hint, expires_at, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      merchantId,
      crypto.createHash('sha256').update(token).digest('hex'),
      token.slice(-6),
      Date.now() + (opts.expiresInMs ?? 7 * 86_400_000),
      opts.revoked ? Date.now() : null,
      Date.now(),
    );
    return `/authorize/${token}`;
  } finally {
    db.close();
  }
}

export function readMerchantApps(merchantId: number): { authAppId: string; status: string; appName: string | null }[] {
  const db = open(true);
  try {
    return db.prepare(`SELECT auth_app_id AS authAppId, status, app_name AS appName FROM merchant_apps WHERE merchant_id = ? ORDER BY id`).all(merchantId) as never;
  } finally {
    db.close();
  }
}

export function readMessages(merchantId: number): { type: string; title: string }[] {
  const db = open(true);
  try {
    return db.prepare(`SELECT type, title FROM messages WHERE merchant_id = ? ORDER BY id`).all(merchantId) as never;
  } finally {
    db.close();
  }
}

export function findMerchantId(name: string): number | undefined {
  const db = open(true);
  try {
    return (db.prepare(`SELECT id FROM merchants WHERE name = ?`).get(name) as { id: number } | undefined)?.id;
  } finally {
    db.close();
  }
}

/** Every token the sandbox ever issued for these mini-programs (the platform's side of the secret). */
export function sandboxTokens(appIds: string[]): string[] {
  const db = new Database(path.join(E2E_DATA_DIR, 'sandbox.db'), { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db
      .prepare(`SELECT app_auth_token AS a, app_refresh_token AS r FROM authorizations WHERE auth_app_id IN (${appIds.map(() => '?').join(',')})`)
      .all(...appIds) as { a: string; r: string }[];
    return rows.flatMap((r) => [r.a, r.r]);
  } finally {
    db.close();
  }
}

/** The console's database files as bytes (the WAL holds recent writes). */
export function consoleDbBytes(): Buffer {
  const base = path.join(E2E_DATA_DIR, 'console.db');
  return Buffer.concat([base, `${base}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
}

export class MerchantsPage {
  constructor(private readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/merchants${query}`);
    await expect(this.page.getByRole('heading', { name: '商家管理' })).toBeVisible();
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  async search(text: string) {
    const box = this.page.getByPlaceholder('商家名称、联系人、手机号或小程序 APPID');
    await box.fill(text);
    await box.press('Enter');
  }
}

export class MerchantDetail {
  constructor(private readonly page: Page) {}

  async open(id: number, tab: '' | 'authorization' | 'profile' = '', query = '') {
    await this.page.goto(`/merchants/${id}${tab ? `/${tab}` : ''}${query}`);
    await expect(this.page.getByRole('tab', { selected: true })).toBeVisible();
  }

  status() {
    return this.page.getByTestId('merchant-status').first();
  }

  /** Generates a link and returns its URL as shown (and copied) in the dialog. Clicked once: a retry would regenerate. */
  async generateLink(): Promise<string> {
    const dialog = this.page.getByRole('dialog');
    await this.page.waitForLoadState('networkidle');
    await waitForHydration(this.page);
    const regenerate = this.page.getByRole('button', { name: '重新生成' });
    if (await regenerate.isVisible()) {
      await regenerate.click();
      await this.page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定/ }).click();
    } else {
      await this.page.getByRole('button', { name: '生成授权链接' }).click();
    }
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    const url = await dialog.getByTestId('authorization-link').inputValue();
    expect(url).toMatch(/\/authorize\/[A-Za-z0-9_-]{43}$/);
    return url;
  }

  async closeDialog() {
    await this.page.getByRole('dialog').locator('.ant-modal-close').click();
    await expect(this.page.getByRole('dialog')).toBeHidden();
  }

  appRow(authAppIdOrName: string): Locator {
    return this.page.getByRole('row').filter({ hasText: authAppIdOrName });
  }
}

/** The merchant's side: opens the link in a signed-out browser, signs in to the sandbox "Alipay" and answers. */
export async function answerAuthorization(
  browser: Browser,
  link: string,
  account: SandboxAccount & { password: string },
  answer: { authorize: string[] } | 'refuse',
  viewport = { width: 1280, height: 860 },
): Promise<{ page: Page; callbackUrl: () => string | undefined; close: () => Promise<void> }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });
  const page = await context.newPage();
  let callbackUrl: string | undefined;
  page.on('request', (r) => {
    if (r.url().includes('/api/alipay/callback')) callbackUrl = r.url();
  });
  await page.goto(link);
  await expect(page.getByTestId('authorize-merchant')).toBeVisible();
  await page.getByRole('link', { name: '前往支付宝授权' }).click();
  await expect(page).toHaveURL(/\/sandbox\/openauth\/oauth2\/appToAppBatchAuth\.htm/);
  // Typing before the page has hydrated is lost when React takes over the form: wait for it, and sign in again
  // until it sticks.
  await expect(page.locator('form[data-ready="true"]').first()).toBeVisible({ timeout: 15_000 });
  await expect(async () => {
    if (await page.getByTestId('openauth-account').isVisible()) return;
    await page.getByLabel('支付宝账号').fill(account.logonId);
    await page.getByLabel('登录密码').fill(account.password);
    await page.getByRole('button', { name: /^登\s*录$/ }).click();
    await expect(page.getByTestId('openauth-account')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 30_000 });
  if (answer === 'refuse') {
    await page.getByRole('button', { name: /^拒\s*绝$/ }).click();
  } else {
    for (const name of answer.authorize) await page.getByRole('checkbox', { name: new RegExp(name) }).check();
    await page.getByRole('button', { name: /确认授权/ }).click();
  }
  await expect(page).toHaveURL(/\/authorize\/result\?r=/, { timeout: 15_000 });
  return { page, callbackUrl: () => callbackUrl, close: () => context.close() };
}
