// Drives the embedded sandbox from the test process: its JSON control surface (as an operator) for the platform's
// side, and its gateway with alipay-sdk for the ISV's side — the console's own Alipay client lives in the server.
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import { AlipayFormData, AlipaySdk } from 'alipay-sdk';
import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import { BeijingTimeAlipaySdk } from '../../lib/sandbox/testing/beijing-sdk';
import { BASE_URL, E2E_DATA_DIR, storageStateOf } from './env';

/** A category the sandbox's reviewer needs no licence for (seeded: 零售 › 鲜花绿植). */
const PLAIN_CATEGORY = '1002_100203';

export interface SandboxAccount {
  userId: string;
  logonId: string;
  name: string;
  miniApps: { appId: string; name: string }[];
}

export interface StoredNotification {
  kind: string;
  authAppId: string | null;
  payload: { biz_content?: Record<string, unknown> } & Record<string, unknown>;
}

/** Unique, reviewer-acceptable names and logon ids per test. */
export function uniqueMerchant(label = 'e2e') {
  const tag = crypto.randomBytes(3).toString('hex');
  const n = parseInt(tag, 16) % 10_000;
  return {
    name: `${label}商家${n}`,
    logonId: `${label}-${tag}@sandbox.test`,
    password: `pw-${tag}`,
    miniApps: [`青禾${n}`, `鹿鸣${n}`],
  };
}

/** The sandbox's JSON control surface, signed in as an operator. */
export class SandboxApi {
  private constructor(private readonly api: APIRequestContext) {}

  static async asOperator(): Promise<SandboxApi> {
    return new SandboxApi(await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') }));
  }

  async dispose() {
    await this.api.dispose();
  }

  private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    const response = method === 'GET' ? await this.api.get(`/sandbox/api/${route}`) : await this.api.post(`/sandbox/api/${route}`, { data: body });
    const json = (await response.json()) as { ok: boolean; data: T; error?: string };
    expect(response.status(), `${method} ${route}: ${json.error ?? ''}`).toBe(200);
    return json.data;
  }

  settings(patch: Record<string, unknown>) {
    return this.call<Record<string, unknown>>('POST', 'settings', patch);
  }

  createAccount(input: { name: string; logonId: string; password: string; miniApps: string[] }) {
    return this.call<SandboxAccount>('POST', 'accounts', { ...input, miniApps: input.miniApps.map((name) => ({ name })) });
  }

  /** What the merchant's "confirm" on the authorization page does, without the page. */
  authorize(input: { userId: string; appIds: string[]; redirectUri?: string; state?: string }) {
    return this.call<{ appAuthCode: string; redirectTo: string }>('POST', 'authorizations', { redirectUri: `${BASE_URL}/dashboard`, ...input });
  }

  pendingAudits() {
    return this.call<{ appId: string; appVersion: string }[]>('GET', 'audits');
  }

  /** A new template of the ISV app on the platform (no versions yet). */
  createTemplate(name: string) {
    return this.call<{ templateId: string; name: string }>('POST', 'templates', { name });
  }

  putTemplateVersion(input: { templateId: string; version: string; onShelf: boolean }) {
    return this.call<null>('POST', 'templates/versions', input);
  }

  /** Moves the mini-program's release history `days` into the past (data analysis needs live days). */
  backdateRelease(appId: string, days: number) {
    return this.call<{ shifted: number }>('POST', 'versions/backdate', { appId, days });
  }

  /** What the platform holds for one mini-program: its live versions, each with the ext it was uploaded with. */
  versions(appId: string) {
    return this.call<{ appVersion: string; templateId: string; templateVersion: string; ext: string | null; status: string }[]>('GET', `versions?appId=${encodeURIComponent(appId)}`);
  }
}

/** alipay-sdk configured as the console configures itself against the sandbox, with the keys the sandbox generated. */
export function isvSdk(): { sdk: AlipaySdk; appId: string; templateId: string } {
  const dir = path.join(E2E_DATA_DIR, 'sandbox');
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'isv-app.json'), 'utf8')) as { appId: string; templates: { templateId: string }[] };
  // Beijing-time timestamps (contract §2): the gateway refuses this process's local time when it runs in UTC.
  const sdk = new BeijingTimeAlipaySdk({
    appId: app.appId,
    privateKey: fs.readFileSync(path.join(dir, 'isv-app-private-key.pem'), 'utf8'),
    alipayPublicKey: fs.readFileSync(path.join(dir, 'alipay-public-key.pem'), 'utf8'),
    keyType: 'PKCS8',
    gateway: `${BASE_URL}/sandbox/gateway.do`,
    timeout: 15_000,
  });
  return { sdk, appId: app.appId, templateId: app.templates[0].templateId };
}

async function call(sdk: AlipaySdk, method: string, params: Record<string, unknown>, formData?: AlipayFormData) {
  const result = await sdk.exec(method, params, formData ? { formData, validateSign: true } : { validateSign: true });
  expect(result.code, `${method}: ${result.subCode ?? ''} ${result.subMsg ?? ''}`).toBe('10000');
  return result;
}

/** alipay.open.auth.token.app: one token per authorized mini-program. */
export async function exchangeAuthCode(sdk: AlipaySdk, code: string): Promise<Map<string, string>> {
  const result = await call(sdk, 'alipay.open.auth.token.app', { bizContent: { grant_type: 'authorization_code', code } });
  const tokens = result.tokens as { authAppId: string; appAuthToken: string }[];
  return new Map(tokens.map((t) => [t.authAppId, t.appAuthToken]));
}

/** Uploads a version from the template and waits until its build succeeded. */
export async function uploadBuiltVersion(sdk: AlipaySdk, token: string, templateId: string, appVersion: string) {
  await call(sdk, 'alipay.open.mini.version.upload', {
    appAuthToken: token,
    bizContent: { template_id: templateId, app_version: appVersion, ext: JSON.stringify({ extEnable: true, ext: { shopName: 'e2e' } }) },
  });
  await expect
    .poll(async () => String((await call(sdk, 'alipay.open.mini.version.build.query', { appAuthToken: token, bizContent: { app_version: appVersion } })).buildStatus), {
      timeout: 20_000,
    })
    .toBe('2');
}

/** alipay.open.mini.version.audit.apply with two small PNG screenshots (multipart). */
export async function applyForAudit(sdk: AlipaySdk, token: string, appVersion: string) {
  const form = new AlipayFormData();
  const fields: Record<string, string> = {
    app_auth_token: token,
    app_version: appVersion,
    version_desc: '新增花束预订功能，优化首页加载速度与下单流程，修复已知问题',
    region_type: 'CHINA',
    app_slogan: '每天一束好花送到你身边',
    app_desc: '提供花束、绿植的在线预订与同城配送服务，支持预约送达时间',
    app_category_ids: PLAIN_CATEGORY,
    service_phone: '0571-88886666',
  };
  for (const [name, value] of Object.entries(fields)) form.addField(name, value);
  for (const [i, field] of ['first_screen_shot', 'second_screen_shot'].entries()) {
    form.addFile(field, `shot-${i + 1}.png`, await QRCode.toBuffer(`screenshot ${appVersion} ${i + 1}`, { type: 'png', width: 160 }));
  }
  await call(sdk, 'alipay.open.mini.version.audit.apply', {}, form);
}

/** The notifications the console stored (console.db), newest first. */
export function storedNotifications(kind: string): StoredNotification[] {
  const db = new Database(path.join(E2E_DATA_DIR, 'console.db'), { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db.prepare(`SELECT kind, auth_app_id AS authAppId, payload FROM alipay_notifications WHERE kind = ? ORDER BY id DESC`).all(kind) as {
      kind: string;
      authAppId: string | null;
      payload: string;
    }[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
  } finally {
    db.close();
  }
}

/** The sandbox's "Alipay" authorization link, as the console builds it. */
export function openAuthUrl(appId: string, redirectUri: string, state: string): string {
  const url = new URL('/sandbox/openauth/oauth2/appToAppBatchAuth.htm', BASE_URL);
  url.search = new URLSearchParams({ app_id: appId, application_type: 'TINYAPP', redirect_uri: redirectUri, state }).toString();
  return url.toString();
}

/** The /sandbox page, speaking in what the person does there. */
export class SandboxPage {
  constructor(private readonly page: Page) {}

  async open(tab?: string) {
    await this.page.goto(tab ? `/sandbox?tab=${tab}` : '/sandbox');
    await expect(this.page.getByRole('heading', { name: '沙箱控制台' })).toBeVisible();
  }

  async switchToManualReview() {
    const form = this.page.locator('form').filter({ has: this.page.getByText('审核模式') });
    await expect(async () => {
      await form.getByText('人工审核', { exact: true }).click();
      await expect(form.getByRole('button', { name: /保\s*存/ })).toBeEnabled({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await expect(this.page.getByTestId('review-mode')).toHaveText('人工审核');
  }

  auditRow(appId: string, appVersion: string) {
    return this.page.getByTestId('pending-audits').getByRole('row').filter({ hasText: appId }).filter({ hasText: appVersion });
  }

  async rejectAudit(appId: string, appVersion: string, reason: string) {
    const row = this.auditRow(appId, appVersion);
    await expect(row).toBeVisible({ timeout: 15_000 });
    const dialog = this.page.getByRole('dialog');
    await expect(async () => {
      await row.getByRole('button', { name: /驳\s*回/ }).click();
      await expect(dialog).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await dialog.getByLabel('驳回原因').fill(reason);
    await dialog.getByRole('button', { name: /驳\s*回/ }).click();
    await expect(dialog).toBeHidden();
  }
}
