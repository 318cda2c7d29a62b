import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '@/lib/config';
import { ensureSandboxIdentity } from '@/lib/sandbox/identity';
import { AlipaySettingsError, describeAlipaySettings, loadAlipaySettings } from './settings';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alipay-settings-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function productionConfig(privateKeyFile: string, publicKeyFile: string): Config {
  return parseConfig({
    ALIPAY_MODE: 'production',
    DATA_DIR: dir,
    AUTH_SECRET: 'x'.repeat(32),
    TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
    ALIPAY_APP_ID: '2021000000000123',
    ALIPAY_PRIVATE_KEY_FILE: privateKeyFile,
    ALIPAY_PUBLIC_KEY_FILE: publicKeyFile,
    APP_URL: 'https://console.example.com',
  });
}

const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const platformPem = platform.publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('loadAlipaySettings in production mode', () => {
  it.each([
    ['a PKCS#8 PEM', pkcs8],
    ['a PKCS#1 PEM', privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()],
    ['bare PKCS#8 base64, as Alipay’s key tool prints it', privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')],
    ['bare PKCS#1 base64', privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64')],
  ])('reads the private key from %s', (_name, text) => {
    const settings = loadAlipaySettings(productionConfig(write('app.key', text), write('alipay.pub', platformPem)));
    expect(settings).toMatchObject({ mode: 'production', appId: '2021000000000123', gateway: 'https://openapi.alipay.com/gateway.do', privateKey: pkcs8 });
  });

  it('reads the platform key as bare base64 too', () => {
    const bare = platform.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const settings = loadAlipaySettings(productionConfig(write('app.key', pkcs8), write('alipay.pub', bare)));
    expect(settings.alipayPublicKey).toBe(platformPem);
  });

  it('names the file that is missing or not a key, without echoing its content', () => {
    expect(() => loadAlipaySettings(productionConfig(path.join(dir, 'missing.key'), write('alipay.pub', platformPem)))).toThrow(/ALIPAY_PRIVATE_KEY_FILE.*ENOENT/);
    const garbage = 'not-a-key-secret-material';
    const attempt = () => loadAlipaySettings(productionConfig(write('app.key', garbage), write('alipay.pub', platformPem)));
    expect(attempt).toThrow(AlipaySettingsError);
    expect(attempt).not.toThrow(new RegExp(garbage));
  });
});

describe('loadAlipaySettings in sandbox mode', () => {
  it('says so when the sandbox has not written its identity yet', () => {
    const config = parseConfig({ DATA_DIR: path.join(dir, 'empty'), APP_URL: 'http://localhost:3100' });
    expect(() => loadAlipaySettings(config)).toThrow(/Cannot read the sandbox ISV app .*isv-app\.json/);
  });

  it('reads the identity the sandbox wrote, and its gateway', () => {
    const dataDir = path.join(dir, 'data');
    const identity = ensureSandboxIdentity(dataDir);
    const settings = loadAlipaySettings(parseConfig({ DATA_DIR: dataDir, APP_URL: 'http://localhost:3100' }));
    expect(settings).toMatchObject({
      mode: 'sandbox',
      appId: identity.appId,
      gateway: 'http://localhost:3100/sandbox/gateway.do',
      openAuthUrl: 'http://localhost:3100/sandbox/openauth',
      alipayPublicKey: identity.alipayPublicKeyPem,
    });
    expect(crypto.createPublicKey(settings.privateKey).export({ type: 'spki', format: 'pem' })).toBe(identity.isvPublicKeyPem);
  });
});

describe('describeAlipaySettings', () => {
  it('shows the public keys only', () => {
    const settings = loadAlipaySettings(productionConfig(write('app.key', pkcs8), write('alipay.pub', platformPem)));
    const described = describeAlipaySettings(settings);
    expect(described).toEqual({
      mode: 'production',
      appId: '2021000000000123',
      gateway: 'https://openapi.alipay.com/gateway.do',
      openAuthUrl: 'https://openauth.alipay.com',
      appPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      alipayPublicKey: platformPem,
    });
    expect(JSON.stringify(described)).not.toContain('PRIVATE');
  });
});
