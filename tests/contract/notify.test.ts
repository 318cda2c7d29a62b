// Notifications and messages from the sandbox, delivered over HTTP to the console's own route
// (app/api/alipay/notify), which verifies them and stores them in the console database.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alipayNotifications, type AlipayNotification } from '@/db/schema';
import { tokenFingerprint } from '@/lib/alipay/notify';
import { submitAudit } from '@/lib/alipay/versions';
import { startContractSandbox, waitFor, type ContractSandbox } from './harness';
import { auditInput, uploadBuilt, waitForDecision } from './flows';

let t: ContractSandbox;
let capture: http.Server;
let notifyUrl: string;
const answers: Array<{ status: number; body: string }> = [];

// Loaded after DATA_DIR points at the sandbox's folder: the route reads its keys and database from there.
let route: typeof import('@/app/api/alipay/notify/route');
let db: import('@/db').Db;

beforeAll(async () => {
  t = await startContractSandbox();
  process.env.DATA_DIR = t.dataDir;
  route = await import('@/app/api/alipay/notify/route');
  db = (await import('@/db')).getDb();

  capture = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      });
      const response = await route.POST(request);
      const body = await response.text();
      answers.push({ status: response.status, body });
      res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'text/plain' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(capture.address() as AddressInfo).port}/api/alipay/notify`;
  t.sandbox.control.updateSettings({ notifyUrl });
});
afterEach(() => t.resetPlatform());
afterAll(async () => {
  capture.closeAllConnections();
  capture.close();
  await t.close();
});

const stored = (): AlipayNotification[] => db.select().from(alipayNotifications).all();
const storedFor = (notifyId: string) => stored().find((n) => n.notifyId === notifyId);

/** Delivers what the sandbox has queued and returns its record of the message. */
async function deliver(name: string, authAppId: string) {
  await t.sandbox.control.flushMessages();
  return waitFor(() => {
    const m = t.sandbox.control.listMessages().find((x) => x.name === name && x.authAppId === authAppId);
    return m?.status === 'delivered' ? m : undefined;
  }, `delivery of ${name}`);
}

function post(params: Record<string, string>): Promise<Response> {
  return fetch(notifyUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params).toString(),
  });
}

describe('delivered by the sandbox', () => {
  it('stores open_app_auth_notify once verified, answers success, and keeps no token', async () => {
    const m = await t.newMerchant();
    const message = await deliver('open_app_auth_notify', m.appId);
    const row = storedFor(message.notifyId);
    expect(row).toMatchObject({ kind: 'open_app_auth_notify', authAppId: m.appId });
    expect(row!.payload).not.toContain(m.appAuthToken);
    expect(row!.payload).not.toContain(m.appRefreshToken);
    expect(JSON.parse(row!.payload).biz_content.detail.app_auth_token).toBe(tokenFingerprint(m.appAuthToken));
    expect(JSON.parse(row!.payload).sign).toBeUndefined();
    expect(answers.at(-1)).toEqual({ status: 200, body: 'success' });
  });

  it('stores the cancellation message (msg_method, v1.1)', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.cancelAuthorization(m.appId);
    const message = await deliver('alipay.open.auth.appauth.cancelled', m.appId);
    expect(message.params.version).toBe('1.1');
    expect(storedFor(message.notifyId)).toMatchObject({ kind: 'alipay.open.auth.appauth.cancelled', authAppId: m.appId });
  });

  it('stores the audit result message', async () => {
    const m = await t.newMerchant();
    await uploadBuilt(t.client, m.scope, '1.0.0');
    await submitAudit(await auditInput(m.scope, '1.0.0'), t.client);
    await waitForDecision(t.client, m.scope, '1.0.0');
    const message = await deliver('alipay.open.mini.version.audit.passed', m.appId);
    const row = storedFor(message.notifyId)!;
    expect(row).toMatchObject({ kind: 'alipay.open.mini.version.audit.passed', authAppId: m.appId });
    expect(JSON.parse(row.payload).biz_content).toMatchObject({ mini_app_id: m.appId, mini_app_version: '1.0.0' });
  });

  it('stores a message that was lost and delivered again later', async () => {
    const m = await t.newMerchant();
    t.sandbox.control.updateSettings({ messageDelivery: 'off' });
    t.sandbox.control.cancelAuthorization(m.appId);
    const lost = t.sandbox.control.listMessages().find((x) => x.name === 'alipay.open.auth.appauth.cancelled' && x.authAppId === m.appId)!;
    expect(lost.status).toBe('dropped');
    expect(storedFor(lost.notifyId)).toBeUndefined();
    t.sandbox.control.updateSettings({ messageDelivery: 'on' });
    t.sandbox.control.redeliverMessage(lost.id);
    await deliver('alipay.open.auth.appauth.cancelled', m.appId);
    expect(storedFor(lost.notifyId)).toBeDefined();
  });
});

describe('refused, with nothing written', () => {
  async function signedBySandbox() {
    const m = await t.newMerchant();
    t.sandbox.control.updateSettings({ messageDelivery: 'off' });
    t.sandbox.control.cancelAuthorization(m.appId);
    const message = t.sandbox.control.listMessages().find((x) => x.name === 'alipay.open.auth.appauth.cancelled' && x.authAppId === m.appId)!;
    return { m, params: message.params };
  }

  async function expectRefused(params: Record<string, string>) {
    const before = stored();
    const res = await post(params);
    expect(res.status).toBe(400);
    expect(await res.text()).not.toBe('success');
    expect(stored()).toEqual(before);
  }

  it('accepts the untouched message (the control case)', async () => {
    const { params } = await signedBySandbox();
    const res = await post(params);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('success');
  });

  it('a changed field', async () => {
    const { params } = await signedBySandbox();
    await expectRefused({ ...params, biz_content: params.biz_content.replace(/"auth_app_id":"\d+"/, '"auth_app_id":"2021000000000001"') });
    await expectRefused({ ...params, notify_id: `${params.notify_id}x` });
  });

  it('a message signed by another key', async () => {
    const { params } = await signedBySandbox();
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const content = Object.keys(params)
      .filter((k) => k !== 'sign' && k !== 'sign_type')
      .sort()
      .map((k) => `${k}=${params[k]}`)
      .join('&');
    await expectRefused({ ...params, sign: crypto.createSign('RSA-SHA256').update(content).sign(privateKey, 'base64') });
  });

  it('an unsigned message', async () => {
    const { params } = await signedBySandbox();
    const unsigned: Record<string, string> = { ...params };
    delete unsigned.sign;
    await expectRefused(unsigned);
  });

  it('not a redelivered notify_id: answered success (§2, so the platform stops) and stored once', async () => {
    const { params } = await signedBySandbox();
    expect((await post(params)).status).toBe(200);
    const before = stored();
    const again = await post(params);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('success');
    expect(stored()).toEqual(before);
  });

  it('a body that is not a form', async () => {
    const before = stored();
    const res = await fetch(notifyUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(stored()).toEqual(before);
  });
});
