// A release plan end to end, as a provider runs it: ten merchants behind the template's latest version, chosen on
// /drift, rolled out in two waves (30 % canary, then the rest) with gray 10 % and a short hold. The sandbox's reviewer
// rejects one canary merchant (its category needs a licence it lacks), so the canary gate (≥ 90 % online) pauses the
// plan and says why; after "resume" the second wave goes online; the rejected merchant is fixed from its own row and
// ends online. The page's timeline and counts are checked against what the sandbox itself holds.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { storageStateOf } from './support/env';
import { recordAuthorizedMerchant, uniqueTag } from './support/merchants';
import { Shell, waitForHydration } from './support/pages';
import { exchangeAuthCode, isvSdk, SandboxApi } from './support/sandbox';
import { giveCategory, queryConsole } from './support/versions';

test.use({ storageState: storageStateOf('operator') });

const FLEET = 10;
const SHOTS = '/tmp/shots-plans';
async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
const REJECTED = 2;
const LICENSED = '1001_100101';

test('a plan in two waves: the canary gate pauses as configured, resume rolls out the rest, the rejected merchant is fixed from its row', async ({ page }) => {
  test.setTimeout(300_000);
  const tag = `计划${uniqueTag()}`;
  const sandbox = await SandboxApi.asOperator();
  const { sdk } = isvSdk();
  const { templateId } = await sandbox.createTemplate(`${tag}花店模板`);
  await sandbox.putTemplateVersion({ templateId, version: '1.0.0', onShelf: true });

  const fleet: { name: string; appId: string }[] = [];
  for (let i = 1; i <= FLEET; i++) {
    const suffix = crypto.randomBytes(3).toString('hex');
    const name = `${tag}商家${String(i).padStart(2, '0')}`;
    const account = await sandbox.createAccount({ name, logonId: `plan-${suffix}@sandbox.test`, password: `pw-${suffix}`, miniApps: [`青禾${tag}${i}`] });
    const app = account.miniApps[0];
    const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
    const token = (await exchangeAuthCode(sdk, appAuthCode)).get(app.appId)!;
    recordAuthorizedMerchant({ name, userId: account.userId, appId: app.appId, appName: app.name, token });
    await giveCategory({ appId: app.appId, token }, i === REJECTED ? LICENSED : undefined);
    fleet.push({ name, appId: app.appId });
  }
  const canary = fleet.slice(0, 3);
  const rejected = fleet[REJECTED - 1];

  await page.goto('/templates');
  await waitForHydration(page);
  await page.getByRole('button', { name: '从平台同步' }).click();
  await expect(page.getByText(/已同步 \d+ 个模板/)).toBeVisible({ timeout: 20_000 });

  // "Every mini-program behind this version", from /drift.
  await page.goto(`/drift?template=${templateId}&q=${encodeURIComponent(tag)}`);
  await expect(page.getByText(`符合条件 ${FLEET} 个`)).toBeVisible();
  await waitForHydration(page);
  await page.getByRole('button', { name: `选择全部符合条件的 ${FLEET} 个` }).click();
  await page.getByRole('link', { name: /新建发布计划/ }).click();
  await expect(page).toHaveURL(/\/plans\/new\?/);
  await waitForHydration(page);
  await expect(page.getByText(`已选 ${FLEET} 个`)).toBeVisible();

  await page.getByLabel('计划名称').fill(`${tag} 1.0.0 全量`);
  await page.getByLabel('各批比例（%）').fill('30');
  await expect(page.getByTestId('wave-preview')).toHaveText('分批预览：第 1 批 3 个、第 2 批 7 个');
  await page.getByLabel('灰度观察时长（分钟）').fill('0.05');
  await page.getByLabel('本批上线率至少（%）').fill('90');
  await page.getByLabel('本批驳回+失败至多（%）').fill('10');
  await page.getByLabel('版本描述').fill('新增花束预订与同城配送，优化首页加载速度与下单流程，修复已知问题');
  await shoot(page, 'plans-new');
  await page.getByRole('button', { name: '创建并开始' }).click();
  await expect(page).toHaveURL(/\/plans\/\d+$/, { timeout: 20_000 });
  const planId = Number(/\/plans\/(\d+)$/.exec(page.url())![1]);

  // The canary: two online, one rejected → 66.7 % < 90 %: the plan pauses and says why.
  await expect(page.getByTestId('pause-reason')).toContainText('第 1 批关卡未通过：上线率 66.7%（要求 ≥ 90%），驳回+失败 33.3%（要求 ≤ 10%）', { timeout: 120_000 });
  await expect(page.getByTestId('gate-1')).toContainText('上线 2/3');
  await expect(page.getByTestId('wave-2')).toContainText('未开始');
  await shoot(page, 'plans-paused');
  // What the platform holds: the canary as the reviewer decided, nothing of the second wave.
  for (const m of canary) {
    const statuses = (await sandbox.versions(m.appId)).map((v) => v.status);
    expect(statuses, m.name).toEqual([m === rejected ? 'AUDIT_REJECT' : 'RELEASE']);
  }
  for (const m of fleet.slice(3)) expect(await sandbox.versions(m.appId), m.name).toEqual([]);
  const inbox = queryConsole<{ title: string }>(`SELECT title FROM messages WHERE type = 'plan.paused' AND link = ?`, `/plans/${planId}`);
  expect(inbox.map((m) => m.title)).toEqual([expect.stringContaining('第 1 批后暂停')]);

  // Resume past the gate: the second wave goes online.
  await page.getByRole('button', { name: /继续（越过关卡/ }).click();
  await expect(page.getByTestId('count-online')).toContainText(String(FLEET - 1), { timeout: 150_000 });
  await expect(page.getByTestId('gate-1')).toContainText('人工继续');
  for (const m of fleet.slice(3)) expect((await sandbox.versions(m.appId)).map((v) => v.status), m.name).toEqual(['RELEASE']);

  // The rejected merchant, fixed from its row: the category it may use, then resubmitted; it ends online.
  const row = page.getByRole('row', { name: new RegExp(rejected.name) });
  await expect(row).toContainText('已驳回');
  await row.getByRole('button', { name: '修改资料并重新提交' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('资质');
  await expect(dialog.getByLabel('小程序名称')).not.toHaveValue('', { timeout: 20_000 });
  await dialog.getByLabel('类目').click();
  await page.locator('.ant-cascader-menu-item', { hasText: '餐饮' }).click();
  await page.locator('.ant-cascader-menu-item', { hasText: '中餐正餐' }).locator('.ant-cascader-checkbox').click();
  await page.locator('.ant-cascader-menu-item', { hasText: '零售' }).click();
  await page.locator('.ant-cascader-menu-item', { hasText: '鲜花绿植' }).locator('.ant-cascader-checkbox').click();
  await dialog.getByText('驳回原因').click();
  await shoot(page, 'plans-fix');
  await dialog.getByRole('button', { name: '保存资料并重新提交审核' }).click();
  await expect(page.getByText('已重新提交')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('count-online')).toContainText(String(FLEET), { timeout: 120_000 });
  await expect(page.getByText('已完成', { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await shoot(page, 'plans-done');

  // The page agrees with the sandbox: every mini-program online with one upload, the rejected one after a second round.
  for (const m of fleet) expect((await sandbox.versions(m.appId)).map((v) => [v.appVersion, v.status]), m.name).toEqual([['1.0.0', 'RELEASE']]);
  await expect(page.getByTestId('count-rejected')).toContainText('0');
  await expect(page.getByTestId('wave-1')).toContainText('3 个商家');
  await expect(page.getByTestId('wave-2')).toContainText('7 个商家');
  const rounds = queryConsole<{ kind: string }>(
    `SELECT e.kind FROM version_events e JOIN mini_app_versions v ON v.id = e.version_id WHERE v.auth_app_id = ? AND e.kind IN ('submitted', 'passed', 'rejected') ORDER BY e.id`,
    rejected.appId,
  );
  expect(rounds.map((r) => r.kind)).toEqual(['submitted', 'rejected', 'submitted', 'passed']);

  // The same pages in English.
  await new Shell(page).switchLanguage('English');
  await expect(page.getByText('Per stage')).toBeVisible();
  await shoot(page, 'plans-done-en');
  await page.goto('/plans');
  await expect(page.getByRole('link', { name: `${tag} 1.0.0 全量` })).toBeVisible();
  await shoot(page, 'plans-list-en');
  await page.goto('/plans/new');
  await waitForHydration(page);
  await shoot(page, 'plans-new-en');
  await page.goto('/plans');
  await waitForHydration(page);
  await new Shell(page).switchLanguage('简体中文');
  await sandbox.dispose();
});
