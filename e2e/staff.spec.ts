import { expect, test, type Page } from '@playwright/test';
import { storageStateOf } from './support/env';
import { chooseOption, fieldError, LoginPage, openDialog } from './support/pages';
import { createStaff, readStaff } from './support/staff-factory';

async function openStaffPage(page: Page) {
  await page.goto('/staff');
  await expect(page.getByRole('heading', { name: '员工管理' })).toBeVisible();
}

function rowOf(page: Page, email: string) {
  return page.getByRole('row').filter({ hasText: email });
}

test.describe('staff administration (owner)', () => {
  test.use({ storageState: storageStateOf('owner') });

  test('the owner adds an operator, who can then sign in', async ({ page, browser }) => {
    await openStaffPage(page);
    const dialog = await openDialog(page, '添加员工');
    const email = `new-op-${Date.now()}@e2e.test`;
    const name = `新运营${Date.now() % 100_000}`;
    await dialog.getByLabel('邮箱').fill(email);
    await dialog.getByLabel('姓名').fill(name);
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(fieldError(dialog, '密码至少 10 位')).toBeVisible();
    await dialog.getByLabel('初始密码').fill('Operator-2026-pass');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();
    await expect(rowOf(page, email)).toContainText('运营');

    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await context.newPage();
    await new LoginPage(other).signInAndWait(email, 'Operator-2026-pass');
    await expect(other.getByTestId('current-role')).toHaveText('运营');
    await context.close();

    await page.goto('/operation-log?action=staff.create');
    // The log reads as a sentence naming the new member.
    await expect(page.getByRole('row').filter({ hasText: `添加了员工 ${name}` }).first()).toContainText('成功');
  });

  test('adding a second account with the same email is refused and writes nothing', async ({ page }) => {
    const existing = createStaff('viewer', 'dup');
    await openStaffPage(page);
    const dialog = await openDialog(page, '添加员工');
    await dialog.getByLabel('邮箱').fill(existing.email.toUpperCase());
    await dialog.getByLabel('姓名').fill('重复');
    await dialog.getByLabel('初始密码').fill('Duplicate-2026-pass');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(fieldError(dialog, '该邮箱已被其他员工使用')).toBeVisible();
    expect(readStaff(existing.email)?.role).toBe('viewer');
  });

  test('a disabled member loses access at their next request', async ({ page, browser }) => {
    const victim = createStaff('operator', 'disable');
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirs = await context.newPage();
    await new LoginPage(theirs).signInAndWait(victim.email, victim.password);

    await openStaffPage(page);
    await rowOf(page, victim.email).getByRole('button', { name: /停\s*用/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(rowOf(page, victim.email)).toContainText('已停用');

    await theirs.goto('/operation-log');
    await expect(theirs).toHaveURL(/\/login/);
    await context.close();
  });

  test('a demoted member loses the owner pages at their next request', async ({ page, browser }) => {
    const person = createStaff('owner', 'demote');
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const theirs = await context.newPage();
    await new LoginPage(theirs).signInAndWait(person.email, person.password);
    await theirs.goto('/staff');
    await expect(theirs.getByRole('heading', { name: '员工管理' })).toBeVisible();

    await openStaffPage(page);
    await chooseOption(page, rowOf(page, person.email).getByRole('combobox'), '只读');
    await expect.poll(() => readStaff(person.email)?.role).toBe('viewer');

    await theirs.goto('/staff');
    await expect(theirs).toHaveURL(/\/dashboard\?denied=1/);
    await expect(theirs.getByText('您的角色无权访问该页面')).toBeVisible();
    await context.close();
  });
});

test.describe('a viewer', () => {
  test.use({ storageState: storageStateOf('viewer') });

  test('sees no staff page and no mutating controls', async ({ page }) => {
    await page.goto('/dashboard');
    await expect(page.getByTestId('current-role')).toHaveText('只读');
    await expect(page.getByRole('navigation', { name: 'main' }).getByRole('link', { name: '员工管理' })).toHaveCount(0);
    await page.goto('/staff');
    await expect(page).toHaveURL(/denied=1/);
    await expect(page.getByRole('button', { name: '添加员工' })).toHaveCount(0);
  });
});

test('a mutating server action called directly as a viewer is refused and changes nothing', async ({ browser }) => {
  const target = createStaff('operator', 'target');
  // Capture the real request the owner's browser sends when changing a role…
  const ownerContext = await browser.newContext({ storageState: storageStateOf('owner') });
  const owner = await ownerContext.newPage();
  await openStaffPage(owner);
  const requestPromise = owner.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']);
  await chooseOption(owner, rowOf(owner, target.email).getByRole('combobox'), '只读');
  const captured = await requestPromise;
  await expect.poll(() => readStaff(target.email)?.role).toBe('viewer');
  const body = captured.postData()!.replace('"viewer"', '"owner"');
  const headers = captured.headers();
  await ownerContext.close();

  // …and replay it with a viewer's session, asking to make the target an owner.
  const viewerContext = await browser.newContext({ storageState: storageStateOf('viewer') });
  const response = await viewerContext.request.post('/staff', {
    headers: { 'next-action': headers['next-action'], 'content-type': headers['content-type'], accept: 'text/x-component' },
    data: body,
  });
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('auth.forbidden');
  expect(readStaff(target.email)?.role).toBe('viewer');
  await viewerContext.close();
});
