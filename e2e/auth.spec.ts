import { expect, test } from '@playwright/test';
import { OWNER } from './support/env';
import { LoginPage, Shell } from './support/pages';
import { createStaff } from './support/staff-factory';

test.describe('staff sign-in', () => {
  test('the owner signs in and sees the console shell in Chinese', async ({ page }) => {
    const login = new LoginPage(page);
    await login.signInAndWait(OWNER.email, OWNER.password);
    await expect(page.getByRole('heading', { name: /欢迎回来/ })).toBeVisible();
    await expect(page.getByTestId('current-role')).toHaveText('所有者');
    const nav = new Shell(page).nav();
    for (const item of ['工作台', '商家管理', '模板管理', '批量任务', '消息中心', '操作日志', '员工管理', '系统设置']) {
      await expect(nav.getByRole('link', { name: item })).toBeVisible();
    }
  });

  test('a wrong password is refused with a clear message', async ({ page }) => {
    const user = createStaff('operator', 'wrongpw');
    const login = new LoginPage(page);
    await login.open();
    await login.signIn(user.email, 'not-the-password-1');
    await expect(login.alert()).toContainText('邮箱或密码错误');
    await expect(page).toHaveURL(/\/login/);
  });

  test('an empty form is checked in the browser before anything is sent', async ({ page }) => {
    const login = new LoginPage(page);
    await login.open();
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect(page.getByText('必填').first()).toBeVisible();
    await page.getByLabel('邮箱').fill('not-an-email');
    await expect(page.getByText('请输入有效的邮箱地址')).toBeVisible();
  });

  test('five wrong passwords lock the account, even against the right password', async ({ page }) => {
    const user = createStaff('operator', 'lockout');
    const login = new LoginPage(page);
    await login.open();
    for (let i = 1; i <= 4; i++) {
      await login.signIn(user.email, `wrong-password-${i}`);
      await expect(login.alert()).toContainText('邮箱或密码错误');
    }
    await login.signIn(user.email, 'wrong-password-5');
    await expect(login.alert()).toContainText('账号已锁定');
    await expect(login.alert()).toContainText('15 分钟');
    await login.signIn(user.email, user.password);
    await expect(login.alert()).toContainText('账号已锁定');
    await expect(page).toHaveURL(/\/login/);
  });

  test('signing out ends the session', async ({ page }) => {
    const user = createStaff('viewer', 'signout');
    const login = new LoginPage(page);
    await login.signInAndWait(user.email, user.password);
    await new Shell(page).signOut();
    await expect(page.getByText('您已退出登录')).toBeVisible();
    await page.goto('/dashboard');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the language can be switched to English and back', async ({ page }) => {
    const user = createStaff('viewer', 'lang');
    await new LoginPage(page).signInAndWait(user.email, user.password);
    const shell = new Shell(page);
    await shell.switchLanguage('English');
    await expect(shell.nav().getByRole('link', { name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('current-role')).toHaveText('Viewer');
    await page.reload();
    await expect(shell.nav().getByRole('link', { name: 'Operation log' })).toBeVisible();
    await shell.switchLanguage('简体中文');
    await expect(shell.nav().getByRole('link', { name: '工作台' })).toBeVisible();
  });
});
