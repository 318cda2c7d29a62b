import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// One fresh data directory per run, shared with the workers through the environment.
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-e2e-'));
}
const PORT = Number(process.env.E2E_PORT ?? 3123);
export const E2E = {
  dataDir: process.env.E2E_DATA_DIR,
  baseURL: `http://localhost:${PORT}`,
  owner: { email: 'owner@e2e.test', password: 'Owner-pass-2026' },
};

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}. Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`);
}

const desktop = { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } };

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: E2E.baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /global\.setup\.ts/ },
    { name: 'chromium', use: desktop, dependencies: ['setup'], grepInvert: /@global-sandbox/ },
    // Tests that flip the sandbox's global switches (manual review, message delivery) run alone, after the rest.
    { name: 'global-sandbox', use: desktop, dependencies: ['chromium'], grep: /@global-sandbox/, workers: 1 },
  ],
  webServer: {
    command: `node node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `${E2E.baseURL}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATA_DIR: E2E.dataDir,
      PORT: String(PORT),
      APP_URL: E2E.baseURL,
      ADMIN_EMAIL: E2E.owner.email,
      ADMIN_PASSWORD: E2E.owner.password,
      ALIPAY_MODE: 'sandbox',
      SANDBOX_REVIEW_DELAY_MS: '1500',
      SANDBOX_BUILD_DURATION_MS: '800',
      BATCH_BUILD_POLL_MS: '300',
      // Every spec signs in from 127.0.0.1: the per-address throttle is unit-tested (lib/auth/sign-in.test.ts).
      SIGN_IN_ADDRESS_LIMIT: '10000',
      // Each spec starts from the sessions signed in once by the setup project; on a slow machine the whole run
      // outlasts the 30-minute idle limit, which then signs everyone out (the limit itself is unit-tested).
      SESSION_IDLE_MINUTES: '480',
    },
  },
});
