// Page objects that speak in the user's intent.
import { expect, type Page } from '@playwright/test';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async open() {
    await this.page.goto('/login');
    await expect(this.page.locator('form[data-ready="true"]')).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel(/邮箱|Email/).fill(email);
    await this.page.getByLabel(/密码|Password/).fill(password);
    await this.page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  }

  async signInAndWait(email: string, password: string) {
    await this.open();
    await this.signIn(email, password);
    // Signing in checks a slow password hash and then renders the dashboard: more than a click on a busy machine.
    await expect(this.page).toHaveURL(/\/dashboard/, { timeout: 30_000 });
  }

  alert() {
    return this.page.getByTestId('login-error');
  }
}

export class Shell {
  constructor(private readonly page: Page) {}

  nav() {
    return this.page.getByRole('navigation', { name: 'main' });
  }

  async signOut() {
    await this.page.getByRole('button', { name: /退出登录|Sign out/ }).click();
    await expect(this.page).toHaveURL(/\/login/);
  }

  async switchLanguage(label: '简体中文' | 'English') {
    await chooseOption(this.page, this.page.getByRole('combobox', { name: /语言|Language/ }), label);
  }
}

/** Clicks a button that opens a dialog, retrying until the page has hydrated and the dialog shows. */
export async function openDialog(page: Page, button: RegExp | string) {
  const dialog = page.getByRole('dialog');
  await expect(async () => {
    await page.getByRole('button', { name: button }).click();
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return dialog;
}

/** Picks an option in an antd Select (its options are not exposed as ARIA options while virtualised). */
export async function chooseOption(page: Page, combobox: ReturnType<Page['getByRole']>, label: string, opts: { search?: boolean } = {}) {
  // A dropdown playing its closing animation counts as closed (the animation can stall when the page re-renders under it).
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])');
  // The dropdown may still be moving into place when it first shows, and a click then misses: open, pick, and try
  // again until the pick has closed it.
  await expect(async () => {
    if (!(await dropdown.isVisible())) await combobox.click();
    // A long list is virtualised: only the options in view exist, so a searchable select is searched first.
    if (opts.search) await combobox.fill(label);
    await expect(dropdown).toBeVisible({ timeout: 1_000 });
    await dropdown.locator('.ant-select-item-option', { hasText: label }).first().click({ timeout: 2_000 });
    // A searched select may keep its list open while the page follows the choice: the caller checks the outcome.
    if (opts.search) return;
    await expect(dropdown).toBeHidden({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** The validation message under a form field. */
export const fieldError = (scope: Page | ReturnType<Page['getByRole']>, text: string) =>
  scope.locator('.ant-form-item-explain-error', { hasText: text });

/** Waits until the console page is hydrated: typing before that is lost when React takes over the form. */
export async function waitForHydration(page: Page) {
  await expect(page.locator('[data-hydrated="true"]').first()).toBeAttached({ timeout: 20_000 });
}

/** After "开始批量任务": the batch is created with its items and the page moves to it (slow on a busy machine). */
export async function expectOnBatchPage(page: Page) {
  await expect(page).toHaveURL(/\/batches\/\d+$/, { timeout: 30_000 });
}
