// The Members and Codes tabs as page objects that speak in what staff do there, and readers of the platform's own
// records (the sandbox's control surface) to check what Alipay actually received.
import { expect, request, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { BASE_URL, storageStateOf } from './env';
import { fieldError, openDialog, waitForHydration } from './pages';
import { label } from './versions';

export interface PlatformInvitation {
  appId: string;
  userId: string;
  logonId: string;
  role: 'DEVELOPER' | 'EXPERIENCER';
  status: string;
}

export interface PlatformRoute {
  routeGroup: string;
  routeUrl: string;
  mode: string;
  pageRedirection: string;
}

/** What the sandbox platform holds for a mini-program (members and QR rules), read as an operator. */
export class PlatformRecords {
  private constructor(private readonly api: APIRequestContext) {}

  static async open(): Promise<PlatformRecords> {
    return new PlatformRecords(await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') }));
  }

  async dispose() {
    await this.api.dispose();
  }

  private async get<T>(route: string): Promise<T> {
    const response = await this.api.get(`/sandbox/api/${route}`);
    expect(response.status(), route).toBe(200);
    return ((await response.json()) as { data: T }).data;
  }

  async members(appId: string): Promise<PlatformInvitation[]> {
    return (await this.get<PlatformInvitation[]>('invitations')).filter((i) => i.appId === appId);
  }

  routes(appId: string): Promise<PlatformRoute[]> {
    return this.get<PlatformRoute[]>(`qr-routes?appId=${appId}`);
  }

  /** A PATTERN rule, which bind never creates (the sandbox page's tolerance tool). */
  async injectPattern(appId: string, routeUrl: string, routePattern: string, pageRedirection: string) {
    const response = await this.api.post('/sandbox/api/qr-routes/pattern', { data: { appId, routeUrl, routePattern, pageRedirection } });
    expect(response.status()).toBe(200);
  }

  /** The gateway's log of calls for one mini-program: method and result code, newest first. */
  async requests(authAppId: string, method: string): Promise<{ method: string; code: string; subCode: string | null }[]> {
    return (await this.get<{ method: string; authAppId: string | null; code: string; subCode: string | null }[]>('requests')).filter((r) => r.authAppId === authAppId && r.method === method);
  }
}

export class MembersTab {
  constructor(private readonly page: Page) {}

  async open(merchantId: number, appId: string) {
    await this.page.goto(`/merchants/${merchantId}/members?app=${appId}`);
    await expect(this.page.getByTestId('members-DEVELOPER')).toBeVisible();
    await waitForHydration(this.page);
  }

  list(role: 'DEVELOPER' | 'EXPERIENCER'): Locator {
    return this.page.getByTestId(`members-${role}`);
  }

  row(role: 'DEVELOPER' | 'EXPERIENCER', text: string): Locator {
    return this.list(role).getByRole('row').filter({ hasText: text });
  }

  count(role: 'DEVELOPER' | 'EXPERIENCER'): Locator {
    return this.page.getByTestId(`members-count-${role}`);
  }

  async invite(role: 'DEVELOPER' | 'EXPERIENCER', logonId: string, remark: string): Promise<Locator> {
    const dialog = await openDialog(this.page, role === 'DEVELOPER' ? '邀请开发成员' : '邀请体验成员');
    await dialog.getByLabel('支付宝账号').fill(logonId);
    await dialog.getByLabel('昵称 / 备注').fill(remark);
    await dialog.getByRole('button', { name: '发送邀请' }).click();
    return dialog;
  }

  async inviteRefused(role: 'DEVELOPER' | 'EXPERIENCER', logonId: string, message: string) {
    const dialog = await this.invite(role, logonId, '重复邀请');
    await expect(fieldError(dialog, message)).toBeVisible();
    await dialog.getByRole('button', { name: label('取消') }).click();
    await expect(dialog).toBeHidden();
  }

  async remove(role: 'DEVELOPER' | 'EXPERIENCER', remark: string) {
    await this.row(role, remark).getByRole('button', { name: label('移除') }).click();
    const confirm = this.page.locator('.ant-popconfirm');
    // The confirmation names the person by their remark.
    await expect(confirm).toContainText(remark);
    await confirm.getByRole('button', { name: label('移除') }).click();
    await expect(this.row(role, remark)).toHaveCount(0, { timeout: 15_000 });
  }
}

export class CodesTab {
  constructor(private readonly page: Page) {}

  async open(merchantId: number, appId: string, tab: 'codes' | 'routes' = 'codes') {
    await this.page.goto(`/merchants/${merchantId}/codes?app=${appId}&tab=${tab}`);
    await expect(this.page.getByRole('tab', { name: /^(小程序码|Mini-program codes)$/ })).toBeVisible();
    await waitForHydration(this.page);
  }

  form(): Locator {
    return this.page.getByTestId('page-code-form');
  }

  async generate(input: { page: string; query?: string; describe: string }) {
    const form = this.form();
    await form.getByLabel('页面路径').fill(input.page);
    await form.getByLabel('页面参数').fill(input.query ?? '');
    await form.getByLabel('码描述').fill(input.describe);
    await form.getByRole('button', { name: /生\s*成/ }).click();
  }

  routesTable(): Locator {
    return this.page.getByTestId('routes-table');
  }

  async addRule(input: { url: string; mode: '精确匹配' | '前缀匹配'; page: string }): Promise<Locator> {
    const dialog = await openDialog(this.page, '添加规则');
    await dialog.getByLabel('二维码地址').fill(input.url);
    await dialog.getByText(input.mode, { exact: true }).click();
    await dialog.getByLabel('打开页面').fill(input.page);
    await dialog.getByRole('button', { name: '添加规则' }).click();
    return dialog;
  }

  async removeRule(url: string) {
    await this.routesTable().getByRole('row').filter({ hasText: url }).getByRole('button', { name: /删\s*除/ }).click();
    const confirm = this.page.locator('.ant-popconfirm');
    await expect(confirm).toContainText(url);
    await confirm.getByRole('button', { name: /删\s*除/ }).click();
    await expect(this.routesTable().getByRole('row').filter({ hasText: url })).toHaveCount(0, { timeout: 15_000 });
  }
}
