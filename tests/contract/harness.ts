// A sandbox in a temporary folder, served over real HTTP, and a lib/alipay client configured the way the console
// configures itself (settings loaded from the sandbox's identity files), plus merchants authorized through it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import QRCode from 'qrcode';
import { exchangeAuthCode } from '@/lib/alipay/auth';
import { createAlipayClient, type AlipayClient } from '@/lib/alipay/client';
import type { MerchantScope } from '@/lib/alipay/common';
import { loadAlipaySettings, type AlipaySettings } from '@/lib/alipay/settings';
import { parseConfig } from '@/lib/config';
import { createSandbox, type Sandbox, type SandboxOptions } from '@/lib/sandbox';
import { serveSandbox } from '@/lib/sandbox/testing/serve';

export const TEMPLATE_ID = '2021004100000001';
/** Owned by another ISV app in the sandbox's seed. */
export const FOREIGN_TEMPLATE_ID = '2021004199990001';
/** Seeded category pairs: one plain, one needing a licence. */
export const PLAIN_CATEGORY = '1002_100203';
export const LICENSED_CATEGORY = '1001_100101';

export interface Merchant {
  userId: string;
  logonId: string;
  appId: string;
  appName: string;
  appAuthToken: string;
  appRefreshToken: string;
  scope: MerchantScope;
}

export interface ContractSandbox {
  sandbox: Sandbox;
  dataDir: string;
  /** Base URL of the served sandbox (`${url}/sandbox/gateway.do` is the gateway). */
  url: string;
  settings: AlipaySettings;
  client: AlipayClient;
  /** Added to the sandbox's clock. */
  clock: { offsetMs: number };
  newMerchant(appName?: string): Promise<Merchant>;
  /** Puts back the switches a test may have changed (review mode, gray-optional, build time, faults, clock). */
  resetPlatform(): void;
  close(): Promise<void>;
}

let counter = 0;
const BRANDS = ['青禾', '鹿鸣', '知味', '木棉', '拾光', '半山', '南枝', '云朵'];

/** A brand-like mini-program name the sandbox reviewer accepts, unique within the process. */
export function uniqueAppName(): string {
  counter += 1;
  return `${BRANDS[counter % BRANDS.length]}${process.pid % 1000}${counter}`;
}

export async function startContractSandbox(options: Partial<SandboxOptions> = {}, timeoutMs = 5000): Promise<ContractSandbox> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-contract-'));
  const clock = { offsetMs: 0 };
  const sandbox = createSandbox({
    dataDir,
    appUrl: 'http://sandbox.test',
    buildDurationMs: 50,
    reviewDelayMs: 50,
    messageRetryBaseMs: 20,
    now: () => Date.now() + clock.offsetMs,
    ...options,
  });
  const served = await serveSandbox(sandbox);
  const settings = loadAlipaySettings(parseConfig({ DATA_DIR: dataDir, APP_URL: served.url, ALIPAY_TIMEOUT_MS: String(timeoutMs) }));
  const client = createAlipayClient(settings);

  async function newMerchant(appName = uniqueAppName()): Promise<Merchant> {
    const account = sandbox.control.createMerchantAccount({ miniApps: [{ name: appName }] });
    const appId = account.miniApps[0].appId;
    const { appAuthCode } = sandbox.control.authorize({ userId: account.userId, appIds: [appId], redirectUri: 'http://console.test/cb', state: 's' });
    const { tokens } = await exchangeAuthCode({ code: appAuthCode }, client);
    return {
      userId: account.userId,
      logonId: account.logonId,
      appId,
      appName,
      appAuthToken: tokens[0].appAuthToken,
      appRefreshToken: tokens[0].appRefreshToken,
      scope: { appAuthToken: tokens[0].appAuthToken },
    };
  }

  function resetPlatform(): void {
    sandbox.control.updateSettings({ reviewMode: 'auto', grayOptional: false, buildDurationMs: 50, invitationAutoAccept: false, messageDelivery: 'on' });
    sandbox.control.setFaults([]);
    clock.offsetMs = 0;
  }

  return {
    sandbox,
    dataDir,
    url: served.url,
    settings,
    client,
    clock,
    newMerchant,
    resetPlatform,
    async close() {
      await served.close();
      sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined. */
export async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A square PNG (a real QR code image). */
export function squarePng(text = 'tinyapp', width = 64): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', width, margin: 1 });
}

/** A solid grey PNG of any size, built by hand (qrcode only draws squares). */
export function solidPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
