import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tinyapp-config-'));

describe('config', () => {
  it('defaults to the sandbox and keeps generated secrets under DATA_DIR', () => {
    const dir = tmp();
    const a = parseConfig({ DATA_DIR: dir });
    expect(a.alipayMode).toBe('sandbox');
    expect(a.port).toBe(3000);
    expect(a.appUrl).toBe('http://localhost:3000');
    expect(a.alipay.gateway).toBe('http://localhost:3000/sandbox/gateway.do');
    expect(a.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(a.tokenEncryptionKey.length).toBe(32);
    const b = parseConfig({ DATA_DIR: dir });
    expect(b.authSecret).toBe(a.authSecret);
    expect(b.tokenEncryptionKey.equals(a.tokenEncryptionKey)).toBe(true);
    expect(fs.statSync(path.join(dir, 'secrets', 'auth-secret')).mode & 0o777).toBe(0o600);
  });

  it('names the variable when a value is bad', () => {
    expect(() => parseConfig({ DATA_DIR: tmp(), PORT: 'abc' })).toThrow(/PORT/);
    expect(() => parseConfig({ DATA_DIR: tmp(), ALIPAY_MODE: 'live' })).toThrow(/ALIPAY_MODE/);
    expect(() => parseConfig({ DATA_DIR: tmp(), APP_URL: 'not a url' })).toThrow(/APP_URL/);
    expect(() => parseConfig({ DATA_DIR: tmp(), AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
  });

  it('requires admin email and password together', () => {
    expect(() => parseConfig({ DATA_DIR: tmp(), ADMIN_EMAIL: 'a@b.cn' })).toThrow(ConfigError);
    const c = parseConfig({ DATA_DIR: tmp(), ADMIN_EMAIL: 'Boss@Example.com', ADMIN_PASSWORD: 'long-enough-1' });
    expect(c.admin).toEqual({ email: 'boss@example.com', password: 'long-enough-1' });
  });

  it('refuses production mode without its secrets and keys, listing each', () => {
    let message = '';
    try {
      parseConfig({ DATA_DIR: tmp(), ALIPAY_MODE: 'production' });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const name of ['AUTH_SECRET', 'TOKEN_ENCRYPTION_KEY', 'ALIPAY_APP_ID', 'ALIPAY_PRIVATE_KEY_FILE', 'ALIPAY_PUBLIC_KEY_FILE']) {
      expect(message).toContain(name);
    }
  });

  it('uses the real gateway in production mode', () => {
    const c = parseConfig({
      DATA_DIR: tmp(),
      ALIPAY_MODE: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
      ALIPAY_APP_ID: '2021000000000001',
      ALIPAY_PRIVATE_KEY_FILE: '/k/app.pem',
      ALIPAY_PUBLIC_KEY_FILE: '/k/alipay.pem',
      APP_URL: 'https://console.example.com/',
    });
    expect(c.alipay.gateway).toBe('https://openapi.alipay.com/gateway.do');
    expect(c.appUrl).toBe('https://console.example.com');
  });
});
