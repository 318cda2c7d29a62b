import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// Each case gets a fresh data directory and fresh module state (config and database are process singletons).
async function freshBootstrap(env: Record<string, string>) {
  vi.resetModules();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-boot-'));
  for (const k of ['ALIPAY_MODE', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'AUTH_SECRET', 'TOKEN_ENCRYPTION_KEY', 'ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY_FILE', 'ALIPAY_PUBLIC_KEY_FILE']) delete process.env[k];
  Object.assign(process.env, { DATA_DIR: dir }, env);
  (globalThis as { __consoleDb?: unknown }).__consoleDb = undefined;
  const mod = await import('./bootstrap');
  const users = await import('@/lib/staff/data');
  const db = await import('@/db');
  return { mod, users, db: db.getDb(), dir };
}

const production = {
  ALIPAY_MODE: 'production',
  AUTH_SECRET: 's'.repeat(40),
  TOKEN_ENCRYPTION_KEY: 'b'.repeat(64),
  ALIPAY_APP_ID: '2021000000000001',
  ALIPAY_PRIVATE_KEY_FILE: '/nonexistent/app.pem',
  ALIPAY_PUBLIC_KEY_FILE: '/nonexistent/alipay.pem',
  APP_URL: 'https://console.example.com',
};

describe('first owner', () => {
  beforeEach(() => vi.restoreAllMocks());

  it('creates a demo owner in sandbox mode and keeps its credentials for the sign-in page', async () => {
    const { mod, users, db } = await freshBootstrap({});
    const { created } = await mod.ensureOwner();
    expect(created && 'password' in created).toBe(true);
    expect(users.findUserByEmail(db, mod.DEMO_OWNER_EMAIL)?.role).toBe('owner');
    expect(mod.readDemoCredentials()?.email).toBe(mod.DEMO_OWNER_EMAIL);
    expect((await mod.ensureOwner()).created).toBeUndefined();
  });

  it('creates the owner from ADMIN_EMAIL / ADMIN_PASSWORD once', async () => {
    const { mod, users, db } = await freshBootstrap({ ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'boss-password-1' });
    expect((await mod.ensureOwner()).created).toEqual({ email: 'boss@example.com' });
    expect((await mod.ensureOwner()).created).toBeUndefined();
    expect(users.findUserByEmail(db, 'boss@example.com')?.role).toBe('owner');
    expect(mod.readDemoCredentials()).toBeNull();
  });

  it('refuses to start in production mode with no owner and no ADMIN_EMAIL', async () => {
    const { mod } = await freshBootstrap(production);
    await expect(mod.ensureOwner()).rejects.toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/);
  });
});
