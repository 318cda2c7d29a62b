// A throw-away sandbox in a temporary folder with fast timings, for tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AlipaySdk, AlipaySdkConfig } from 'alipay-sdk';
import { ensureSandboxIdentity, type SandboxIdentity } from '../identity';
import { createSandbox, type Sandbox, type SandboxOptions } from '../index';
import { BeijingTimeAlipaySdk } from './beijing-sdk';

export interface TempSandbox {
  sandbox: Sandbox;
  dataDir: string;
  /** Closes the database and removes the folder. */
  dispose(): void;
}

// RSA key generation takes a second or two: temporary sandboxes share one test identity, kept in the system's
// temporary folder across runs (creating it is safe when several test processes race).
const SHARED_IDENTITY_DIR = path.join(os.tmpdir(), 'tinyapp-sandbox-test-identity');

function copyIdentityInto(dataDir: string): void {
  ensureSandboxIdentity(SHARED_IDENTITY_DIR);
  fs.cpSync(path.join(SHARED_IDENTITY_DIR, 'sandbox'), path.join(dataDir, 'sandbox'), { recursive: true });
}

export function createTempSandbox(overrides: Partial<SandboxOptions> & { freshIdentity?: boolean } = {}): TempSandbox {
  const { freshIdentity, ...opts } = overrides;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-sandbox-'));
  if (!freshIdentity) copyIdentityInto(dataDir);
  const sandbox = createSandbox({
    dataDir,
    appUrl: 'http://127.0.0.1:9',
    buildDurationMs: 50,
    reviewDelayMs: 50,
    messageRetryBaseMs: 20,
    tickMs: 20,
    ...opts,
  });
  return {
    sandbox,
    dataDir,
    dispose() {
      sandbox.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** alipay-sdk configured exactly as the console configures it against the sandbox. */
export function sandboxSdk(identity: SandboxIdentity, baseUrl: string, overrides: Partial<AlipaySdkConfig> = {}): AlipaySdk {
  return new BeijingTimeAlipaySdk({
    appId: identity.appId,
    privateKey: identity.isvPrivateKeyPem,
    alipayPublicKey: identity.alipayPublicKeyPem,
    keyType: 'PKCS8',
    gateway: `${baseUrl}/sandbox/gateway.do`,
    timeout: 10_000,
    ...overrides,
  });
}
