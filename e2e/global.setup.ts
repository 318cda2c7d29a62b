// Signs in once per role and keeps the sessions for the tests (UI sign-in is tested in auth.spec.ts).
import { test as setup } from '@playwright/test';
import fs from 'node:fs';
import { AUTH_DIR, OWNER, storageStateOf } from './support/env';
import { LoginPage } from './support/pages';
import { createStaff } from './support/staff-factory';

setup('sign in as owner, operator and viewer', async ({ browser }) => {
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  const accounts = [
    { role: 'owner' as const, ...OWNER },
    { ...createStaff('operator') },
    { ...createStaff('viewer') },
  ];
  for (const account of accounts) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await new LoginPage(page).signInAndWait(account.email, account.password);
    await context.storageState({ path: storageStateOf(account.role) });
    await context.close();
  }
});
