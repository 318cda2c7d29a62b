import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { ensureSandboxIdentity } from './identity';

const dirs: string[] = [];
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-identity-'));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test('creates the identity files once, private to the owner, and reads them back unchanged', () => {
  const dataDir = tempDir();
  const first = ensureSandboxIdentity(dataDir);
  const dir = path.join(dataDir, 'sandbox');
  expect(first.dir).toBe(dir);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  expect(fs.readdirSync(dir).sort()).toEqual(['alipay-private-key.pem', 'alipay-public-key.pem', 'isv-app-private-key.pem', 'isv-app-public-key.pem', 'isv-app.json']);
  for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);

  const app = JSON.parse(fs.readFileSync(path.join(dir, 'isv-app.json'), 'utf8'));
  expect(app.appId).toMatch(/^2021\d{12}$/);
  expect(app.templates).toEqual([{ templateId: '2021004100000001', name: '餐饮点单模板' }]);
  expect(first.isvPrivateKeyPem).toContain('-----BEGIN PRIVATE KEY-----');
  expect(first.alipayPublicKeyPem).toContain('-----BEGIN PUBLIC KEY-----');

  expect(ensureSandboxIdentity(dataDir)).toEqual(first);
});

test('each private key matches its public key, and the two pairs differ', () => {
  const id = ensureSandboxIdentity(tempDir());
  const signed = (priv: string) => crypto.createSign('RSA-SHA256').update('x').sign(priv, 'base64');
  const ok = (pub: string, sig: string) => crypto.createVerify('RSA-SHA256').update('x').verify(pub, sig, 'base64');
  expect(ok(id.isvPublicKeyPem, signed(id.isvPrivateKeyPem))).toBe(true);
  expect(ok(id.alipayPublicKeyPem, signed(id.alipayPrivateKeyPem))).toBe(true);
  expect(ok(id.alipayPublicKeyPem, signed(id.isvPrivateKeyPem))).toBe(false);
  expect(crypto.createPrivateKey(id.isvPrivateKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
});

test('processes racing on first start all end up with the same identity', async () => {
  const dataDir = tempDir();
  const script = `console.log(require(${JSON.stringify(path.join(__dirname, 'identity.ts'))}).ensureSandboxIdentity(${JSON.stringify(dataDir)}).appId)`;
  const run = () =>
    new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '-e', script], (e, stdout) => (e ? reject(e) : resolve(stdout.trim()))),
    );
  const ids = await Promise.all([run(), run(), run()]);
  expect(new Set(ids).size).toBe(1);
  expect(ensureSandboxIdentity(dataDir).appId).toBe(ids[0]);
  expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.sandbox-identity-'))).toEqual([]);
}, 60_000);

test('a deleted public key is derived again from its private key', () => {
  const dataDir = tempDir();
  const id = ensureSandboxIdentity(dataDir);
  fs.rmSync(path.join(id.dir, 'alipay-public-key.pem'));
  expect(ensureSandboxIdentity(dataDir).alipayPublicKeyPem).toBe(id.alipayPublicKeyPem);
});
