import { expect, test } from '@playwright/test';
import crypto from 'node:crypto';
import { storageStateOf } from './support/env';
import { openDialog } from './support/pages';
import { authorizedMiniApp, label, Platform, queryConsole, shoot, VersionsTab } from './support/versions';

/** A name the sandbox reviewer accepts: a brand plus a product word. */
const brandName = () => `青禾${crypto.randomInt(1000, 9999)}花艺`;
const CATEGORY: [string, string] = ['零售', '鲜花绿植'];
const PHONE = '0571-88886666';

// The reviewer decides automatically (SANDBOX_REVIEW_DELAY_MS), whatever another spec left behind.
test.beforeAll(async () => {
  const platform = await Platform.asOperator();
  await platform.settings({ reviewMode: 'auto', grayOptional: false, messageDelivery: 'on' });
  await platform.dispose();
});

test.describe('version management (operator)', () => {
  test.use({ storageState: storageStateOf('operator') });

  test('upload → experience → submit → auto pass → gray 10 % → 30 % → online → 2nd version → online → roll back → offline', async ({ page }) => {
    test.setTimeout(300_000);
    const app = await authorizedMiniApp(brandName());
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await expect(page.getByText('该小程序还没有版本')).toBeVisible();

    await tab.upload('1.0.0');
    await tab.operate('1.0.0', '设为体验版', '体验版');
    await expect(tab.card('experience').getByTestId('experience-qr')).toBeVisible({ timeout: 20_000 });
    await expect(tab.card('experience')).toContainText('使用支付宝扫码体验版本 1.0.0');

    await tab.submitForAudit('1.0.0', { servicePhone: PHONE, category: CATEGORY, shots: 'wizard' });
    await tab.expectStatus('1.0.0', '待上架');
    await expect(tab.card('review')).toContainText('1.0.0');
    // Passed: going online without gray is offered (contract §4: gray is optional; can_release never gates it).
    await expect(tab.row('1.0.0').getByRole('button', { name: '全量上架' })).toBeEnabled();

    await tab.gray('1.0.0', 10);
    await expect(tab.card('review').getByRole('progressbar')).toBeVisible();
    await tab.gray('1.0.0', 30);
    // Narrowing is never offered.
    await tab.row('1.0.0').getByRole('button', { name: '扩大灰度' }).click();
    const widen = page.getByRole('dialog').filter({ hasText: '灰度比例' });
    await expect(widen.getByText('10%', { exact: true })).toHaveCount(0);
    await expect(widen.getByText('50%', { exact: true })).toBeVisible();
    await shoot(page, 'versions-gray');
    await widen.getByRole('button', { name: label('取消') }).click();

    await tab.operate('1.0.0', '全量上架', '将全量发布给所有用户');
    await tab.expectStatus('1.0.0', '已上架');
    await expect(tab.card('online')).toContainText('1.0.0');

    await tab.operate('1.0.0', '取消体验版');
    await tab.upload('1.0.1');
    await tab.submitForAudit('1.0.1', { versionDesc: '第二个版本：新增节日花束专题页，优化花束详情页的图片加载速度' });
    await tab.expectStatus('1.0.1', '待上架');
    await tab.gray('1.0.1', 50);
    await tab.operate('1.0.1', '全量上架', '当前线上版本 1.0.0 将下架');
    await tab.expectStatus('1.0.1', '已上架');
    await tab.expectStatus('1.0.0', '已下架');
    await shoot(page, 'versions-tab');

    await tab.operate('1.0.1', '回滚', '上一个上架的版本 1.0.0 重新上线');
    await tab.expectStatus('1.0.0', '已上架');
    await tab.expectStatus('1.0.1', '已下架');
    // Right after a rollback, only offline is possible.
    await expect(tab.card('online').getByRole('button', { name: label('回滚') })).toBeDisabled();
    await expect(tab.card('online').getByTestId('operation-reason')).toContainText('不能连续回滚');

    await tab.operate('1.0.0', '下架', '将下架');
    await tab.expectStatus('1.0.0', '已下架');
    await expect(tab.card('online')).toContainText('暂无线上版本');

    const drawer = await tab.details('1.0.0');
    await expect(drawer.getByTestId('audit-history')).toContainText('提交审核');
    await expect(drawer.getByTestId('audit-history')).toContainText('审核通过');
    await tab.closeDetails();

    const log = queryConsole<{ action: string; result: string }>(
      `SELECT action, result FROM operation_logs WHERE target_id = ? ORDER BY id`,
      `${app.authAppId}@1.0.0`,
    ).map((r) => `${r.action}:${r.result}`);
    expect(log).toEqual(expect.arrayContaining(['versions.upload:ok', 'versions.submitAudit:ok', 'versions.gray:ok', 'versions.online:ok', 'versions.offline:ok']));
  });

  test('a generic name is rejected; the reason is shown; back to development, fix, resubmit, pass', async ({ page }) => {
    test.setTimeout(180_000);
    const app = await authorizedMiniApp('鲜花预定');
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.submitForAudit('1.0.0', { servicePhone: PHONE, category: CATEGORY });
    await tab.expectStatus('1.0.0', '审核驳回');
    await expect(tab.card('review').getByTestId('card-reject-reason')).toContainText('过于宽泛');

    const drawer = await tab.details('1.0.0');
    await expect(drawer.getByTestId('rejection-reason')).toContainText('名称“鲜花预定”过于宽泛，仅由地域、产品或服务词组成，请在名称中体现品牌');
    await expect(drawer.getByTestId('rejection')).toContainText('驳回时间');
    await expect(drawer.getByTestId('audit-history')).toContainText('审核驳回');
    await expect(drawer.getByRole('link', { name: '去修改小程序资料' })).toHaveAttribute('href', `/merchants/${app.merchantId}/profile?app=${app.authAppId}`);
    await shoot(page, 'versions-rejection-drawer');

    // One click from the rejection back to development.
    await drawer.getByTestId('rejection').getByRole('button', { name: '退回开发' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /确\s*定/ }).click();
    await expect(drawer.getByTestId('rejection')).toHaveCount(0, { timeout: 20_000 });
    await tab.closeDetails();
    await tab.expectStatus('1.0.0', '开发中');

    // The wizard's pre-audit check already warned about the name; the fix goes in with the resubmission.
    await tab.row('1.0.0').getByRole('button', { name: '提交审核' }).click();
    const wizard = page.getByRole('dialog').filter({ hasText: '提交审核 · 版本 1.0.0' });
    await wizard.getByText('我已阅读并同意以上须知').click();
    await wizard.getByRole('button', { name: '下一步' }).click();
    await expect(wizard.getByTestId('pre-audit')).toContainText('名称过于宽泛，没有品牌');
    await wizard.getByRole('button', { name: label('取消') }).click();

    const fixed = `花间${crypto.randomInt(100, 999)}鲜花预定`;
    await tab.submitForAudit('1.0.0', { appName: fixed });
    await tab.expectStatus('1.0.0', '待上架');
    const history = await tab.details('1.0.0');
    const items = history.getByTestId('audit-history').locator('.ant-timeline-item');
    await expect(items).toHaveCount(5);
    await expect(items.nth(0)).toContainText('审核通过');
    await expect(items.nth(2)).toContainText('退回开发');
    await expect(items.nth(3)).toContainText('过于宽泛');
  });

  test('rollback is refused on the first release: only offline is possible', async ({ page }) => {
    test.setTimeout(120_000);
    const app = await authorizedMiniApp(brandName());
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.submitForAudit('1.0.0', { servicePhone: PHONE, category: CATEGORY });
    await tab.expectStatus('1.0.0', '待上架');
    await tab.gray('1.0.0', 10);
    await tab.operate('1.0.0', '全量上架');
    await tab.expectStatus('1.0.0', '已上架');
    const online = tab.card('online');
    await expect(online.getByRole('button', { name: label('回滚') })).toBeDisabled();
    await expect(online.getByTestId('operation-reason')).toHaveText('这是第一个上架的版本，没有可回滚的历史版本，只能下架');
    await expect(online.getByRole('button', { name: label('下架') })).toBeEnabled();
  });

  test('deleting a development version requires typing its number', async ({ page }) => {
    const app = await authorizedMiniApp(brandName());
    const tab = new VersionsTab(page);
    await tab.open(app.authAppId);
    await tab.upload('1.0.0');
    await tab.row('1.0.0').getByRole('button', { name: label('删除') }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '删除版本 1.0.0' });
    await expect(dialog).toContainText('删除后不可恢复');
    const confirm = dialog.getByRole('button', { name: '永久删除' });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('版本号').fill('1.0.1');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('版本号').press('Enter');
    await expect(dialog.locator('.ant-form-item-explain-error', { hasText: '输入的版本号不一致' })).toBeVisible();
    await expect(tab.row('1.0.0')).toBeVisible();

    await dialog.getByLabel('版本号').fill('1.0.0');
    await confirm.click();
    await expect(dialog).toBeHidden({ timeout: 20_000 });
    await expect(tab.row('1.0.0')).toHaveCount(0);
    expect(queryConsole(`SELECT 1 FROM mini_app_versions WHERE auth_app_id = ? AND deleted_at IS NULL`, app.authAppId)).toHaveLength(0);
  });

  test('a lost audit message is corrected by reconciliation', { tag: '@global-sandbox' }, async ({ page }) => {
    test.setTimeout(120_000);
    const platform = await Platform.asOperator();
    try {
      const app = await authorizedMiniApp(brandName());
      const tab = new VersionsTab(page);
      await tab.open(app.authAppId);
      await tab.upload('1.0.0');
      // From here the platform keeps its messages to itself, as if they were lost.
      await platform.settings({ messageDelivery: 'off' });
      await tab.submitForAudit('1.0.0', { servicePhone: PHONE, category: CATEGORY });
      await page.goto('/dashboard');
      await expect.poll(async () => (await platform.audits()).some((a) => a.appId === app.authAppId), { timeout: 20_000 }).toBe(false);
      expect(queryConsole(`SELECT 1 FROM alipay_notifications WHERE auth_app_id = ? AND kind LIKE 'alipay.open.mini.version.audit.%'`, app.authAppId)).toHaveLength(0);

      await tab.open(app.authAppId);
      await tab.expectStatus('1.0.0', '待上架');
      const corrections = queryConsole<{ detail: string; actor_email: string }>(
        `SELECT detail, actor_email FROM operation_logs WHERE action = 'versions.reconcile' AND target_id = ?`,
        `${app.authAppId}@1.0.0`,
      );
      expect(corrections).toEqual([{ detail: '1.0.0: AUDITING → WAIT_RELEASE', actor_email: 'system' }]);
      // The decision the message would have carried is in the history and the inbox all the same.
      const drawer = await tab.details('1.0.0');
      await expect(drawer.getByTestId('audit-history')).toContainText('审核通过');
      await expect(drawer.getByTestId('audit-history')).toContainText('同步核对');
      expect(queryConsole(`SELECT 1 FROM messages WHERE mini_app_id = ? AND type = 'audit.passed'`, app.authAppId)).toHaveLength(1);
    } finally {
      await platform.settings({ messageDelivery: 'on' });
      await platform.dispose();
    }
  });
});

test('a viewer sees no operation, and a direct call as a viewer is refused and changes nothing', async ({ browser }) => {
  const app = await authorizedMiniApp(brandName());
  const operatorContext = await browser.newContext({ storageState: storageStateOf('operator') });
  const operator = await operatorContext.newPage();
  const tab = new VersionsTab(operator);
  await tab.open(app.authAppId);
  await tab.upload('1.0.0');
  // Capture the real request the operator's browser sends to set the experience version…
  const requestPromise = operator.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action'] && (r.postData() ?? '').includes('1.0.0'));
  await tab.operate('1.0.0', '设为体验版');
  const captured = await requestPromise;
  await expect(tab.card('experience').getByTestId('experience-qr')).toBeVisible({ timeout: 20_000 });
  await tab.operate('1.0.0', '取消体验版');
  await expect(tab.card('experience')).toContainText('还没有体验版');
  await operatorContext.close();

  const viewerContext = await browser.newContext({ storageState: storageStateOf('viewer') });
  const viewer = await viewerContext.newPage();
  const viewerTab = new VersionsTab(viewer);
  await viewerTab.open(app.authAppId);
  await expect(viewer.getByText('您的角色为只读')).toBeVisible();
  await expect(viewerTab.row('1.0.0')).toBeVisible();
  await expect(viewer.getByRole('button', { name: '上传新版本' })).toHaveCount(0);
  for (const op of ['提交审核', '设为体验版', '删除']) await expect(viewerTab.row('1.0.0').getByRole('button', { name: label(op) })).toHaveCount(0);
  const drawer = await viewerTab.details('1.0.0');
  await expect(drawer.getByRole('button', { name: '提交审核' })).toHaveCount(0);

  // …and replay it with the viewer's session.
  const headers = captured.headers();
  const response = await viewerContext.request.post(`/mini-apps/${app.authAppId}/versions`, {
    headers: { 'next-action': headers['next-action'], 'content-type': headers['content-type'], accept: 'text/x-component' },
    data: captured.postData()!,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('auth.forbidden');
  expect(queryConsole<{ experience: string }>(`SELECT experience FROM mini_app_versions WHERE auth_app_id = ? AND app_version = '1.0.0'`, app.authAppId)).toEqual([
    { experience: 'none' },
  ]);
  expect(
    queryConsole(`SELECT 1 FROM operation_logs WHERE action = 'versions.setExperience' AND result = 'refused' AND actor_email LIKE 'viewer-%'`).length,
  ).toBeGreaterThan(0);
  await viewerContext.close();
});

test('uploading a version number that is not greater is refused on its field and writes nothing', async ({ browser }) => {
  const app = await authorizedMiniApp(brandName());
  const context = await browser.newContext({ storageState: storageStateOf('operator') });
  const page = await context.newPage();
  const tab = new VersionsTab(page);
  await tab.open(app.authAppId);
  await tab.upload('1.0.0');
  const dialog = await openDialog(page, '上传新版本');
  await dialog.getByLabel('版本号').fill('0.9.0');
  await dialog.getByText('本次自定义', { exact: true }).click();
  await dialog.getByLabel('ext 配置（JSON）').fill('{"shop": ');
  await dialog.getByRole('button', { name: '上传并构建' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error', { hasText: 'ext 配置不是合法的 JSON' })).toBeVisible();
  await dialog.getByLabel('ext 配置（JSON）').fill('{"shop": "x"}');
  await dialog.getByRole('button', { name: '上传并构建' }).click();
  await expect(dialog.locator('.ant-form-item-explain-error', { hasText: '版本号必须大于现有的最高版本 1.0.0' })).toBeVisible();
  expect(queryConsole(`SELECT app_version FROM mini_app_versions WHERE auth_app_id = ?`, app.authAppId)).toEqual([{ app_version: '1.0.0' }]);
  await context.close();
});
