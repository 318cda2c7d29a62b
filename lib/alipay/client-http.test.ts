// The real alipay-sdk against a scripted local gateway: response signatures and transport failures.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlipayClient, type AlipayClient } from './client';
import { getVersionDetail, listVersions, submitAudit } from './versions';
import { AlipayError, AlipayTransportError, isTransient } from './errors';
import type { AlipaySettings } from './settings';

const pair = () =>
  crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
const isv = pair();
const platform = pair();
const stranger = pair();

const sign = (text: string, key = platform.privateKey) => crypto.createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64');
const LIST_KEY = 'alipay_open_mini_version_list_query_response';

interface Received {
  url: URL;
  contentType: string;
  body: string;
}

let answer: (res: http.ServerResponse) => void = () => {};
let received: Received | undefined;
let server: http.Server;
let gateway: string;
let client: AlipayClient;

function signedBody(key: string, inner: string, signer = platform.privateKey): string {
  return `{"${key}":${inner},"sign":"${sign(inner, signer)}"}`;
}

function reply(body: string, status = 200) {
  answer = (res) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', trace_id: 'trace-xyz' });
    res.end(body);
  };
}

function settingsFor(url: string, timeoutMs = 3000): AlipaySettings {
  return { mode: 'sandbox', appId: '2021000000000001', privateKey: isv.privateKey, alipayPublicKey: platform.publicKey, gateway: url, openAuthUrl: 'x', timeoutMs };
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received = { url: new URL(req.url ?? '/', 'http://x'), contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('latin1') };
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  gateway = `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway.do`;
  client = createAlipayClient(settingsFor(gateway));
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const scope = { appAuthToken: 'merchant-token' };

describe('response signatures', () => {
  it('accepts a response signed by the platform over the exact inner text', async () => {
    reply(signedBody(LIST_KEY, '{"code":"10000","msg":"Success","app_version_infos":[{"app_version":"0.0.1","version_status":"INIT"}]}'));
    await expect(listVersions(scope, client)).resolves.toEqual([{ appVersion: '0.0.1', versionStatus: 'INIT' }]);
    expect(received?.url.searchParams.get('app_auth_token')).toBe('merchant-token');
    expect(received?.url.searchParams.get('sign_type')).toBe('RSA2');
  });

  it('refuses a tampered body', async () => {
    const inner = '{"code":"10000","msg":"Success","app_version_infos":[]}';
    reply(`{"${LIST_KEY}":${inner.replace('[]', '[{"app_version":"9.9.9","version_status":"INIT"}]')},"sign":"${sign(inner)}"}`);
    await expect(listVersions(scope, client)).rejects.toMatchObject({ name: 'AlipayTransportError', kind: 'invalid-sign' });
  });

  it('refuses a response signed by another key', async () => {
    reply(signedBody(LIST_KEY, '{"code":"10000","msg":"Success"}', stranger.privateKey));
    const err = await listVersions(scope, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayTransportError);
    expect(err).toMatchObject({ kind: 'invalid-sign' });
    expect(isTransient(err)).toBe(false);
  });

  it('refuses an unsigned success', async () => {
    reply(`{"${LIST_KEY}":{"code":"10000","msg":"Success"}}`);
    await expect(listVersions(scope, client)).rejects.toMatchObject({ kind: 'invalid-sign' });
  });

  it('reports an unsigned refusal as the refusal, as Alipay SDKs do', async () => {
    reply('{"error_response":{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-app-id","sub_msg":"无效的AppID参数"}}');
    const err = await listVersions(scope, client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayError);
    expect(err).toMatchObject({ code: '40002', subCode: 'isv.invalid-app-id', traceId: 'trace-xyz' });
  });

  it('verifies a signed error_response', async () => {
    reply(signedBody('error_response', '{"code":"40002","msg":"Invalid Arguments","sub_code":"isv.invalid-method","sub_msg":"不存在的方法名"}'));
    await expect(listVersions(scope, client)).rejects.toMatchObject({ name: 'AlipayError', subCode: 'isv.invalid-method' });
  });

  it('verifies multipart uploads the same way and sends files as parts', async () => {
    reply(signedBody('alipay_open_mini_version_audit_apply_response', '{"code":"10000","msg":"Success","speed_up":"false"}'));
    const png = { fileName: 'shot.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };
    await expect(
      submitAudit({ ...scope, appVersion: '0.0.1', versionDesc: '版本说明', regionType: 'CHINA', screenshots: [png, png] }, client),
    ).resolves.toEqual({ speedUp: false });
    expect(received?.contentType).toMatch(/^multipart\/form-data/);
    expect(received?.body).toContain('name="first_screen_shot"; filename="shot.png"');
    expect(received?.body).toContain('name="region_type"');
    expect(received?.url.searchParams.get('app_auth_token')).toBe('merchant-token');
  });
});

describe('transport failures', () => {
  it('reports a non-200 answer as a transient bad response', async () => {
    reply('<html>bad gateway</html>', 502);
    const err = await listVersions(scope, client).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'bad-response', httpStatus: 502 });
    expect(isTransient(err)).toBe(true);
  });

  it('reports a body that is not JSON as a bad response', async () => {
    reply('not json');
    await expect(listVersions(scope, client)).rejects.toMatchObject({ kind: 'bad-response' });
  });

  it('reports a hang as a timeout after the configured time', async () => {
    answer = () => {};
    const quick = createAlipayClient(settingsFor(gateway, 300));
    const started = Date.now();
    const err = await getVersionDetail({ ...scope, appVersion: '0.0.1' }, quick).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AlipayTransportError);
    expect(err).toMatchObject({ kind: 'timeout', method: 'alipay.open.mini.version.detail.query' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(isTransient(err)).toBe(true);
  });

  it('reports an unreachable gateway as a network failure', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await listVersions(scope, createAlipayClient(settingsFor(`http://127.0.0.1:${port}/gateway.do`))).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AlipayTransportError', kind: 'network' });
  });
});
