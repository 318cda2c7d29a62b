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

describe('safe defaults', () => {
  const prod = {
    ALIPAY_MODE: 'production',
    AUTH_SECRET: 'x'.repeat(40),
    TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
    ALIPAY_APP_ID: '2021000000000001',
    ALIPAY_PRIVATE_KEY_FILE: '/k/app.pem',
    ALIPAY_PUBLIC_KEY_FILE: '/k/alipay.pem',
  };
  it('refuses production without an https APP_URL, so session cookies are always Secure there', () => {
    expect(() => parseConfig({ DATA_DIR: tmp(), ...prod, APP_URL: 'http://console.example.com' })).toThrow(/APP_URL: must be an https/);
    expect(() => parseConfig({ DATA_DIR: tmp(), ...prod })).toThrow(/APP_URL/);
    expect(parseConfig({ DATA_DIR: tmp(), ...prod, APP_URL: 'https://c.example.com' }).host).toBe('0.0.0.0');
  });
  it('listens on loopback in sandbox mode unless HOST says otherwise', () => {
    expect(parseConfig({ DATA_DIR: tmp() }).host).toBe('127.0.0.1');
    expect(parseConfig({ DATA_DIR: tmp(), HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
  it('reads the idle timeout and backup settings', () => {
    const c = parseConfig({ DATA_DIR: tmp(), SESSION_IDLE_MINUTES: '5', BACKUP_CRON: 'off', BACKUP_KEEP: '3' });
    expect(c.sessionIdleMs).toBe(5 * 60_000);
    expect(c.backup.cron).toBeNull();
    expect(c.backup.keep).toBe(3);
    expect(parseConfig({ DATA_DIR: tmp() }).sessionIdleMs).toBe(30 * 60_000);
    expect(() => parseConfig({ DATA_DIR: tmp(), SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });
});
