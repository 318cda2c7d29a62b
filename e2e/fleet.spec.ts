// The fleet path end to end, as a provider runs it: five authorized merchants, the template's ext config with each
// merchant's own value, then instantiate → submit for audit → gray 10 % → online as four batches started from
// /drift, without opening any merchant's page. Every pre-flight counts all five as executable (the console's records
// follow each batch at once), and at the end /drift shows all five current and online — checked also against what
// the sandbox itself holds: each mini-program online, running the ext rendered with its own values.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import { storageStateOf } from './support/env';
import { recordAuthorizedMerchant, uniqueTag } from './support/merchants';
import { chooseOption, expectOnBatchPage, waitForHydration } from './support/pages';
import { exchangeAuthCode, isvSdk, SandboxApi } from './support/sandbox';
import { giveCategory, queryConsole, screenshotPng, shoot } from './support/versions';

test.use({ storageState: storageStateOf('operator') });

const FLEET = 5;

interface FleetMerchant {
  name: string;
  appId: string;
  token: string;
  slogan: string;
}

async function openDrift(page: Page, templateId: string, tag: string) {
  await page.goto(`/drift?template=${templateId}&q=${encodeURIComponent(tag)}`);
  await expect(page.getByRole('heading', { name: '版本漂移' })).toBeVisible();
  await expect(page.getByText(`符合条件 ${FLEET} 个`)).toBeVisible();
  await waitForHydration(page);
}

/** From /drift: select the whole fleet, pick the batch operation, and land in the wizard with them preselected. */
async function batchFromDrift(page: Page, templateId: string, tag: string, operation: string) {
  await openDrift(page, templateId, tag);
  await page.getByRole('button', { name: `选择全部符合条件的 ${FLEET} 个` }).click();
  await expect(page.getByTestId('drift-selected')).toHaveText(`已选 ${FLEET} 个`);
  await chooseOption(page, page.getByRole('combobox', { name: '批量操作' }), operation);
  await page.getByRole('link', { name: /对所选创建批量任务/ }).click();
  await expect(page).toHaveURL(/\/batches\/new\?/);
  await waitForHydration(page);
}

/** Step 2 and 3 of the wizard: the preselected fleet, a pre-flight that runs every one, then the batch to its end. */
async function runPreselected(page: Page, tag: string, shotName: string) {
  await page.getByRole('button', { name: '下一步' }).click();
  const rows = page.getByRole('row').filter({ hasText: tag });
  await expect(rows.getByRole('checkbox', { checked: true })).toHaveCount(FLEET);
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText(`将执行 ${FLEET} 个，跳过 0 个`)).toBeVisible({ timeout: 20_000 });
  await shoot(page, shotName);
  await page.getByRole('button', { name: '开始批量任务' }).click();
  await expectOnBatchPage(page);
  await expect(page.getByRole('row').filter({ hasText: tag }).filter({ hasText: '成功' })).toHaveCount(FLEET, { timeout: 120_000 });
  await expect(page.getByRole('progressbar', { name: '进度' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText('已完成', { exact: true })).toBeVisible();
}

test('a template version reaches five merchants online through four batches from /drift, each with its own ext', async ({ page }) => {
  test.setTimeout(480_000);
  const tag = `舰队${uniqueTag()}`;
  const sandbox = await SandboxApi.asOperator();
  const { sdk } = isvSdk();

  // The provider's template on the platform, with one version on shelf.
  const { templateId } = await sandbox.createTemplate(`${tag}花店模板`);
  await sandbox.putTemplateVersion({ templateId, version: '1.0.0', onShelf: true });

  // Five merchants, each authorized with one mini-program and given a category.
  const fleet: FleetMerchant[] = [];
  for (let i = 1; i <= FLEET; i++) {
    const suffix = crypto.randomBytes(3).toString('hex');
    const name = `${tag}商家${i}`;
    const account = await sandbox.createAccount({ name, logonId: `fleet-${suffix}@sandbox.test`, password: `pw-${suffix}`, miniApps: [`青禾${tag}${i}`] });
    const app = account.miniApps[0];
    const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
    const token = (await exchangeAuthCode(sdk, appAuthCode)).get(app.appId)!;
    recordAuthorizedMerchant({ name, userId: account.userId, appId: app.appId, appName: app.name, token });
    const m = { name, appId: app.appId, token, slogan: `${i}号店鲜花到家` };
    await giveCategory(m);
    fleet.push(m);
  }

  // The template as the console learns it from the platform, and its ext config with a per-merchant variable.
  await page.goto('/templates');
  await waitForHydration(page);
  await page.getByRole('button', { name: '从平台同步' }).click();
  await expect(page.getByText(/已同步 \d+ 个模板/)).toBeVisible({ timeout: 20_000 });
  await page.goto(`/templates/${templateId}`);
  await waitForHydration(page);
  await expect(async () => {
    await page.getByLabel('ext 配置（JSON）').fill('{"extEnable": true, "ext": {"shop": "{{merchant.name}}", "slogan": "{{custom.slogan}}", "appId": "{{miniApp.appId}}"}}');
    await expect(page.getByTestId('custom-fields')).toContainText('custom.slogan', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('button', { name: '保存 ext 配置' }).click();
  await expect(page.getByText('ext 配置已保存')).toBeVisible();
  for (const m of fleet) {
    const row = page.locator('.ant-card').filter({ hasText: '已授权的商家小程序' }).getByRole('row', { name: new RegExp(m.appId) });
    await row.getByRole('button', { name: /编辑 ext/ }).click();
    const drawer = page.getByRole('dialog', { name: new RegExp(m.name) });
    await drawer.getByLabel('{{custom.slogan}}').fill(m.slogan);
    await expect(drawer.getByTestId('ext-preview')).toContainText(`"slogan": "${m.slogan}"`);
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await expect(drawer).toBeHidden();
  }

  // 1. Instantiate: the template and its latest on-shelf version come preselected from /drift.
  await batchFromDrift(page, templateId, tag, '模板实例化');
  await runPreselected(page, tag, 'fleet-preflight-instantiate');

  // 2. Submit for audit with one shared form; each merchant keeps its own contact.
  await batchFromDrift(page, templateId, tag, '提交审核');
  const auditForm = page.getByTestId('batch-audit-form');
  await auditForm.getByLabel('版本描述').fill('新增花束预订与同城配送，优化首页加载速度与下单流程，修复已知问题');
  const shotInput = auditForm.locator('.ant-form-item').filter({ hasText: '小程序截图' }).locator('input[type=file]');
  for (const i of [1, 2]) await shotInput.setInputFiles([{ name: `screen-${i}.png`, mimeType: 'image/png', buffer: await screenshotPng(`fleet screen ${i}`) }]);
  await runPreselected(page, tag, 'fleet-preflight-audit');

  // The reviewer passes them; the console learns it by itself (messages, or the worker's reconciliation).
  await openDrift(page, templateId, tag);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('row').filter({ hasText: tag }).filter({ hasText: '待上架' })).toHaveCount(FLEET, { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });

  // 3. Gray 10 %.
  await batchFromDrift(page, templateId, tag, '灰度发布');
  await runPreselected(page, tag, 'fleet-preflight-gray');

  // 4. Online.
  await batchFromDrift(page, templateId, tag, '上架');
  await runPreselected(page, tag, 'fleet-preflight-online');

  // /drift: every one current with the template's latest version, and online.
  await openDrift(page, templateId, tag);
  await expect(page.getByTestId('drift-count-current')).toContainText(String(FLEET));
  for (const m of fleet) {
    const row = page.getByRole('row', { name: new RegExp(m.name) });
    await expect(row.getByTestId('drift-verdict')).toHaveText('最新');
    await expect(row).toContainText('1.0.0');
  }
  await shoot(page, 'fleet-drift-done');

  // The platform's own records: each mini-program online, running the ext rendered with its own values.
  for (const m of fleet) {
    const versions = await sandbox.versions(m.appId);
    const running = versions.find((v) => v.status === 'RELEASE');
    expect(running, `${m.name} online on the platform`).toBeTruthy();
    expect(running!.templateId).toBe(templateId);
    expect(JSON.parse(running!.ext!)).toEqual({ extEnable: true, ext: { shop: m.name, slogan: m.slogan, appId: m.appId } });
  }
  // And the console's history names the batches, not "corrected by reconciliation".
  for (const m of fleet) {
    const events = queryConsole<{ kind: string; source: string; batch: number | null; gray: string | null }>(
      `SELECT e.kind, e.source, e.batch_id AS batch, json_extract(e.detail, '$.grayStrategy') AS gray
         FROM version_events e JOIN mini_app_versions v ON v.id = e.version_id
        WHERE v.auth_app_id = ? AND e.kind IN ('uploaded', 'submitted', 'grayStarted', 'online') ORDER BY e.id`,
      m.appId,
    );
    expect(events.map((e) => [e.kind, e.source, e.batch !== null])).toEqual([
      ['uploaded', 'batch', true],
      ['submitted', 'batch', true],
      ['grayStarted', 'batch', true],
      ['online', 'batch', true],
    ]);
    expect(events.find((e) => e.kind === 'grayStarted')!.gray).toBe('p10');
  }
  await sandbox.dispose();
});
