import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openConsoleDb } from '@/db';
import { alipayNotifications } from '@/db/schema';
import {
  createNotificationVerifier,
  readNotificationParams,
  receiveNotification,
  registerNotificationHandler,
  tokenFingerprint,
  unregisterNotificationHandler,
  type NotificationContext,
  type NotificationParams,
} from './notify';

const pair = () =>
  crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
const platform = pair();
const stranger = pair();
const APP_ID = '2021000000000001';

/** Signs as the contract says the platform does: every parameter but sign and sign_type, sorted, raw values. */
function signed(params: NotificationParams, key = platform.privateKey): NotificationParams {
  const content = Object.keys(params)
    .filter((k) => k !== 'sign' && k !== 'sign_type')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return { ...params, sign_type: 'RSA2', sign: crypto.createSign('RSA-SHA256').update(content, 'utf8').sign(key, 'base64') };
}

function cancelledMessage(notifyId: string = crypto.randomUUID()): NotificationParams {
  return {
    msg_method: 'alipay.open.auth.appauth.cancelled',
    app_id: APP_ID,
    utc_timestamp: String(Date.now()),
    version: '1.1',
    charset: 'utf-8',
    notify_id: notifyId,
    biz_content: JSON.stringify({ auth_app_id: '2021000000000099', app_auth_token: 'secret-token', user_id: '2088000000000001', auth_time: '1700000000000' }),
  };
}

function authNotify(): NotificationParams {
  return {
    notify_type: 'open_app_auth_notify',
    notify_id: crypto.randomUUID(),
    notify_time: '2024-01-01 12:00:00',
    app_id: APP_ID,
    auth_app_id: '2021000000000077',
    status: 'execute_auth',
    biz_content: JSON.stringify({
      detail: { app_auth_token: 'tok-a', app_refresh_token: 'tok-r', user_id: '2088', auth_app_id: '2021000000000077', app_id: APP_ID, expires_in: 31536000 },
    }),
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notify-test-'));
const { db, sqlite } = openConsoleDb(path.join(dir, 'console.db'));
const context: NotificationContext = {
  db,
  appId: APP_ID,
  verifySignature: createNotificationVerifier({ appId: APP_ID, privateKey: stranger.privateKey, alipayPublicKey: platform.publicKey }),
};
const rows = () => db.select().from(alipayNotifications).all();

beforeEach(() => {
  vi.spyOn(console, 'info').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  db.delete(alipayNotifications).run();
  unregisterNotificationHandler('alipay.open.auth.appauth.cancelled');
  vi.restoreAllMocks();
});
afterAll(() => {
  sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('receiveNotification', () => {
  it('stores a signed message with its kind and app, without the signature or the token', async () => {
    const params = signed(cancelledMessage('n-1'));
    const outcome = await receiveNotification(params, context);
    expect(outcome.ok).toBe(true);
    const [row] = rows();
    expect(row).toMatchObject({ notifyId: 'n-1', kind: 'alipay.open.auth.appauth.cancelled', authAppId: '2021000000000099', processedAt: null });
    const payload = JSON.parse(row.payload);
    expect(payload.sign).toBeUndefined();
    expect(payload.biz_content.app_auth_token).toBe(tokenFingerprint('secret-token'));
    expect(row.payload).not.toContain('secret-token');
    expect(payload.msg_method).toBe('alipay.open.auth.appauth.cancelled');
  });

  it('stores an open_app_auth_notify with tokens fingerprinted and logs no token', async () => {
    const info = vi.spyOn(console, 'info');
    const outcome = await receiveNotification(signed(authNotify()), context);
    expect(outcome.ok).toBe(true);
    const [row] = rows();
    expect(row).toMatchObject({ kind: 'open_app_auth_notify', authAppId: '2021000000000077' });
    expect(row.payload).not.toMatch(/tok-a|tok-r/);
    expect(JSON.stringify(info.mock.calls)).not.toMatch(/tok-a|tok-r/);
  });

  it.each([
    ['a changed field', (p: NotificationParams) => ({ ...p, biz_content: p.biz_content.replace('2021000000000099', '2021000000000098') }), 'invalid-sign'],
    ['a signature by another key', (p: NotificationParams) => signed(cancelledMessage(p.notify_id), stranger.privateKey), 'invalid-sign'],
    ['no signature', (p: NotificationParams) => ({ ...p, sign: '' }), 'unsigned'],
    ['a weaker sign_type', (p: NotificationParams) => ({ ...p, sign_type: 'RSA' }), 'unsupported-sign-type'],
    ['another app id', (p: NotificationParams) => signed({ ...cancelledMessage(p.notify_id), app_id: '2021000000000002' }), 'wrong-app'],
    ['no notify_id', () => signed({ ...cancelledMessage(), notify_id: '' }), 'no-notify-id'],
  ])('refuses %s and writes nothing', async (_name, change, reason) => {
    const outcome = await receiveNotification(change(signed(cancelledMessage())), context);
    expect(outcome).toEqual({ ok: false, reason });
    expect(rows()).toHaveLength(0);
  });

  it('answers a redelivered notify_id as received (success) without processing it again', async () => {
    const handler = vi.fn();
    registerNotificationHandler('alipay.open.auth.appauth.cancelled', handler);
    const params = signed(cancelledMessage('n-2'));
    expect((await receiveNotification(params, context)).ok).toBe(true);
    const before = rows();
    expect(await receiveNotification(params, context)).toEqual({ ok: true, duplicate: true, notifyId: 'n-2' });
    expect(rows()).toEqual(before);
    expect(handler).toHaveBeenCalledOnce();
  });

  it('hands the verified notification, tokens included, to the registered handler and marks it processed', async () => {
    const handler = vi.fn();
    registerNotificationHandler('alipay.open.auth.appauth.cancelled', handler);
    await receiveNotification(signed(cancelledMessage('n-3')), context);
    expect(handler).toHaveBeenCalledOnce();
    expect(handler.mock.calls[0][0]).toMatchObject({ notifyId: 'n-3', bizContent: { app_auth_token: 'secret-token' } });
    expect(rows()[0].processedAt).toBeInstanceOf(Date);
  });

  it('keeps the row and the handler error when the handler fails, and still reports it stored', async () => {
    registerNotificationHandler('alipay.open.auth.appauth.cancelled', () => {
      throw new Error('merchant not found');
    });
    const outcome = await receiveNotification(signed(cancelledMessage('n-4')), context);
    expect(outcome.ok).toBe(true);
    expect(rows()[0]).toMatchObject({ processedAt: null, processError: 'merchant not found' });
  });
});

describe('readNotificationParams', () => {
  const post = (body: string, contentType: string) => new Request('http://x/api/alipay/notify', { method: 'POST', body, headers: { 'content-type': contentType } });

  it('reads a url-encoded form, decoding values once', async () => {
    await expect(readNotificationParams(post('a=1&biz_content=%7B%22k%22%3A%22%25%22%7D', 'application/x-www-form-urlencoded; charset=utf-8'))).resolves.toEqual({
      a: '1',
      biz_content: '{"k":"%"}',
    });
  });

  it('reads multipart forms', async () => {
    const form = new FormData();
    form.set('notify_id', 'n');
    await expect(readNotificationParams(new Request('http://x', { method: 'POST', body: form }))).resolves.toEqual({ notify_id: 'n' });
  });

  it('refuses repeated parameters, other content types and broken bodies', async () => {
    await expect(readNotificationParams(post('a=1&a=2', 'application/x-www-form-urlencoded'))).resolves.toBeNull();
    await expect(readNotificationParams(post('{"a":1}', 'application/json'))).resolves.toBeNull();
    await expect(readNotificationParams(post('garbage', 'multipart/form-data; boundary=x'))).resolves.toBeNull();
  });
});
