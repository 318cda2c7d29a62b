// Version drift: an operator finds the merchants behind the template's latest version, selects them into a batch,
// watches it finish; with a business refusal injected on upload every item fails with the platform's sub_code, and
// "retry failed" brings them all through once the fault is gone.
import { expect, request, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import { BASE_URL, storageStateOf } from './support/env';
import { recordAuthorizedMerchant } from './support/merchants';
import { exchangeAuthCode, isvSdk, SandboxApi } from './support/sandbox';
import { expectOnBatchPage, Shell } from './support/pages';
import { shoot } from './support/versions';

test.use({ storageState: storageStateOf('operator') });

const UPLOAD = 'alipay.open.mini.version.upload';
const REFUSAL = 'DEV_VERSION_EXCEED_MAX_COUNT';

/** `count` merchants, each with one mini-program authorized in the sandbox; their names share a searchable tag. */
async function authorizedFleet(count: number): Promise<{ tag: string; names: string[] }> {
  const tag = `漂移${crypto.randomBytes(3).toString('hex')}`;
  const sandbox = await SandboxApi.asOperator();
  const names: string[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      const suffix = crypto.randomBytes(3).toString('hex');
      const name = `${tag}商家${i}`;
      const account = await sandbox.createAccount({ name, logonId: `drift-${suffix}@sandbox.test`, password: `pw-${suffix}`, miniApps: [`青禾${tag}${i}`] });
      const app = account.miniApps[0];
      const { appAuthCode } = await sandbox.authorize({ userId: account.userId, appIds: [app.appId] });
      const tokens = await exchangeAuthCode(isvSdk().sdk, appAuthCode);
      recordAuthorizedMerchant({ name, userId: account.userId, appId: app.appId, appName: app.name, token: tokens.get(app.appId)! });
      names.push(name);
    }
  } finally {
    await sandbox.dispose();
  }
  return { tag, names };
}

/** The drift page for the sandbox's template, searched down to this test's merchants. */
async function openDrift(page: Page, tag: string) {
  await page.goto(`/drift?template=${isvSdk().templateId}`);
  await expect(page.getByRole('heading', { name: '版本漂移' })).toBeVisible();
  await page.getByLabel('商家名称、小程序名称或 APPID').fill(tag);
  await page.getByLabel('商家名称、小程序名称或 APPID').press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(tag)}`));
}

/** From the drift view's selection through the wizard's pre-flight to the batch page. */
async function batchFromSelection(page: Page, names: string[]) {
  for (const name of names) await page.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
  await expect(page.getByTestId('drift-selected')).toHaveText(`已选 ${names.length} 个`);
  await page.getByRole('link', { name: /对所选创建批量任务/ }).click();

  await expect(page).toHaveURL(/\/batches\/new\?apps=[\d%C,]+&operation=instantiate&templateId=\d+&templateVersion=/);
  // The template comes chosen, shown by its name and id.
  await expect(page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: /^模板$/ }) })).toContainText(isvSdk().templateId);
  await page.getByRole('button', { name: '下一步' }).click();
  // The drift selection arrives preselected.
  for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox')).toBeChecked();
  await page.getByRole('button', { name: '运行预检' }).click();
  await expect(page.getByText(`将执行 ${names.length} 个，跳过 0 个`)).toBeVisible();
  await page.getByRole('button', { name: '开始批量任务' }).click();
  await expectOnBatchPage(page);
}

const progress = (page: Page) => page.getByRole('progressbar', { name: '进度' });

/** The batch page once every item has ended: the bar at 100 % and each merchant's row in the given state. */
async function expectBatchEnded(page: Page, tag: string, state: '成功' | '失败', count: number, timeout: number) {
  const rows = page.getByRole('row').filter({ hasText: tag });
  await expect(rows.filter({ hasText: state })).toHaveCount(count, { timeout });
  await expect(rows).toHaveCount(count);
  await expect(progress(page)).toHaveAttribute('aria-valuenow', '100');
  // A batch with failures never shows a plain "finished".
  await expect(page.getByText(state === '失败' ? '完成（含失败）' : '已完成', { exact: true })).toBeVisible();
}

test('behind merchants selected from the drift view become a batch that reaches 100 %', async ({ page }) => {
  test.setTimeout(150_000);
  const { tag, names } = await authorizedFleet(3);

  await openDrift(page, tag);
  await expect(page.getByTestId('drift-latest')).toContainText(/\d+\.\d+\.\d+/);
  // Nothing online yet: all three are behind.
  await expect(page.getByTestId('drift-count-total')).toContainText('3');
  await expect(page.getByTestId('drift-count-behind')).toContainText('3');
  await expect(page.getByTestId('drift-count-current')).toContainText('0');
  await expect(page.getByText('符合条件 3 个')).toBeVisible();
  for (const name of names) {
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('已授权');
    await expect(row.getByTestId('drift-verdict')).toHaveText('落后');
  }
  // The "behind" filter keeps them; "current" has none of them.
  const verdictFilter = page.getByRole('radiogroup', { name: '漂移' });
  await verdictFilter.getByText('最新', { exact: true }).click();
  await expect(page).toHaveURL(/verdict=current/);
  await expect(page.getByText('没有符合条件的小程序')).toBeVisible();
  await verdictFilter.getByText('落后', { exact: true }).click();
  await expect(page).toHaveURL(/verdict=behind/);
  await expect(page.getByText('符合条件 3 个')).toBeVisible();

  await batchFromSelection(page, names);
  await expectBatchEnded(page, tag, '成功', 3, 90_000);

  // Back on the drift view each now has a development version of the latest template version (still not online).
  await openDrift(page, tag);
  const latest = (await page.getByTestId('drift-latest').locator('.ant-tag').textContent())!;
  for (const name of names) {
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText(`模板 ${latest}`);
    await expect(row.getByTestId('drift-verdict')).toHaveText('落后');
  }
});

test('a refused upload fails every item with its sub_code; retry after clearing the fault succeeds @global-sandbox', async ({ page }) => {
  test.setTimeout(180_000);
  const { tag, names } = await authorizedFleet(2);
  const api = await request.newContext({ baseURL: BASE_URL, storageState: storageStateOf('operator') });
  const clearFault = async () => {
    const rules = (await (await api.get('/sandbox/api/faults')).json()).data as { method: string }[];
    for (let i = rules.length - 1; i >= 0; i--) {
      if (rules[i].method === UPLOAD) expect((await api.post('/sandbox/api/faults/remove', { data: { index: i, method: UPLOAD } })).status()).toBe(200);
    }
  };
  try {
    const added = await api.post('/sandbox/api/faults', {
      data: { method: UPLOAD, latencyMs: 0, jitterMs: 0, errorPercent: 100, errorSubCode: REFUSAL, hang: false },
    });
    expect(added.status()).toBe(200);

    await openDrift(page, tag);
    await expect(page.getByTestId('drift-count-behind')).toContainText('2');
    await batchFromSelection(page, names);

    // A business refusal is not retried by the engine: both fail at once, with the platform's sub_code.
    await expectBatchEnded(page, tag, '失败', 2, 60_000);
    for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText(REFUSAL);
    // The refusal is kept as a catalogue key: each reader sees it in their own language.
    for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('开发版本已达 20 个上限');
    const shell = new Shell(page);
    await shell.switchLanguage('English');
    for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('There are already 20 development versions');
    await shoot(page, 'batch-refusal-en');
    await shell.switchLanguage('简体中文');

    await clearFault();
    await page.getByRole('button', { name: '重试失败项' }).click();
    await expect(page.getByText('已重新排队 2 项')).toBeVisible();
    await expectBatchEnded(page, tag, '成功', 2, 90_000);
    for (const name of names) await expect(page.getByRole('row', { name: new RegExp(name) })).not.toContainText(REFUSAL);
  } finally {
    await clearFault();
    await api.dispose();
  }
});

test.describe('a viewer', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('reads the drift but gets no selection and no batch button', async ({ page }) => {
    await page.goto('/drift');
    await expect(page.getByRole('heading', { name: '版本漂移' })).toBeVisible();
    await expect(page.getByTestId('drift-summary')).toBeVisible();
    await expect(page.getByText('您的角色为只读，不能创建批量任务。')).toBeVisible();
    await expect(page.getByRole('link', { name: /对所选创建批量任务/ })).toHaveCount(0);
    await expect(page.getByRole('table').getByRole('checkbox')).toHaveCount(0);
  });
});
