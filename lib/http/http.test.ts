import { describe, expect, it } from 'vitest';
import { BodyTooLarge, readBytesCapped, readTextCapped } from './body';
import { clientAddress } from './client-address';
import { bodyRefusal, classifyRoute, CONSOLE_MAX_BODY } from './routes';
import { refuseCrossSite } from './same-origin';
import { baseSecurityHeaders, contentSecurityPolicy } from './security-headers';

/** A body that never ends unless read stops: counts what was pulled from it. */
function endless(chunk = 64 * 1024) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += chunk;
      controller.enqueue(new Uint8Array(chunk));
    },
  });
  return { request: new Request('http://x/api/alipay/notify', { method: 'POST', body, duplex: 'half' } as RequestInit), pulled: () => pulled };
}

describe('body caps', () => {
  it('stops reading an endless body just past the cap', async () => {
    const { request, pulled } = endless();
    await expect(readBytesCapped(request, 64 * 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(pulled()).toBeLessThanOrEqual(3 * 64 * 1024);
  });
  it('refuses a declared length over the cap without reading', async () => {
    const request = new Request('http://x/', { method: 'POST', body: 'a', headers: { 'content-length': String(10 * 1024 * 1024) } });
    await expect(readTextCapped(request, 1024)).rejects.toBeInstanceOf(BodyTooLarge);
  });
  it('reads a body within the cap whole', async () => {
    expect(await readTextCapped(new Request('http://x/', { method: 'POST', body: 'a=1&b=2' }), 1024)).toBe('a=1&b=2');
  });
  it('the proxy refuses by declared length: 413 over the cap, 411 for an unknown length on a capped public route', () => {
    const notify = classifyRoute('/api/alipay/notify');
    expect(notify).toMatchObject({ kind: 'public', maxBody: 64 * 1024 });
    expect(bodyRefusal('POST', new Headers({ 'content-length': String(200 * 1024 * 1024) }), notify.maxBody)).toBe(413);
    expect(bodyRefusal('POST', new Headers({ 'content-length': '2000' }), notify.maxBody)).toBeNull();
    expect(bodyRefusal('POST', new Headers({ 'transfer-encoding': 'chunked' }), notify.maxBody)).toBe(411);
    expect(bodyRefusal('POST', new Headers({ 'content-length': '-1' }), notify.maxBody)).toBe(413);
    expect(bodyRefusal('POST', new Headers({ 'content-length': '1' }), classifyRoute('/api/alipay/callback').maxBody)).toBe(413);
    expect(bodyRefusal('GET', new Headers({ 'content-length': '999999999' }), 0)).toBeNull();
    // Staff uploads (server actions with images) keep Next's own 12 MB limit.
    expect(bodyRefusal('POST', new Headers({ 'content-length': String(11 * 1024 * 1024) }), classifyRoute('/merchants/1').maxBody)).toBeNull();
    expect(classifyRoute('/merchants/1').maxBody).toBe(CONSOLE_MAX_BODY);
  });
});

describe('which routes need a session', () => {
  it('every console page and API needs one; only the public surfaces do not', () => {
    for (const p of ['/', '/dashboard', '/merchants/1', '/merchants/1/members', '/merchants/1/codes', '/mini-apps/2021/versions', '/sandbox', '/messages', '/unknown', '/loginx']) {
      expect(classifyRoute(p).kind, p).toBe('console-page');
    }
    for (const p of ['/api/merchants/export', '/api/messages/unread', '/api/batches/1/export', '/api']) expect(classifyRoute(p).kind, p).toBe('console-api');
    for (const p of ['/login', '/api/auth/session', '/api/alipay/notify', '/api/alipay/callback', '/authorize/abc', '/authorize/abc/start', '/sandbox/openauth/oauth2/appToAppBatchAuth.htm', '/sandbox/gateway.do', '/sandbox/qr/code.png', '/sandbox/api/settings', '/_next/data/x']) {
      expect(classifyRoute(p).kind, p).toBe('public');
    }
    expect(classifyRoute('/authorize/abc').noReferrer).toBe(true);
  });
});

describe('security headers', () => {
  it('a nonce CSP that forbids framing, plugins and foreign scripts', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc', dev: false, formTargets: [], https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(contentSecurityPolicy({ nonce: 'n', dev: true, formTargets: ['https://openauth.alipay.com'], https: true })).toMatch(/unsafe-eval.*form-action 'self' https:\/\/openauth\.alipay\.com.*upgrade-insecure-requests/);
  });
  it('HSTS only over https', () => {
    expect(baseSecurityHeaders(false)['strict-transport-security']).toBeUndefined();
    expect(baseSecurityHeaders(true)['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(baseSecurityHeaders(false)).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff' });
  });
});

describe('cross-site JSON posts', () => {
  const post = (headers: Record<string, string>) => new Request('http://c/sandbox/api/settings', { method: 'POST', headers, body: '{}' });
  it('refuses text/plain and other origins, accepts same-origin JSON and scripts', () => {
    expect(refuseCrossSite(post({ 'content-type': 'text/plain' }), 'http://c')).toBe('content-type');
    expect(refuseCrossSite(post({ 'content-type': 'application/json', origin: 'http://evil.test' }), 'http://c')).toBe('origin');
    expect(refuseCrossSite(post({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }), 'http://c')).toBe('origin');
    expect(refuseCrossSite(post({ 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }), 'http://c')).toBe('origin');
    expect(refuseCrossSite(post({ 'content-type': 'application/json; charset=utf-8', origin: 'http://c', 'sec-fetch-site': 'same-origin' }), 'http://c')).toBeNull();
    expect(refuseCrossSite(post({ 'content-type': 'application/json' }), 'http://c')).toBeNull();
  });
});

describe('client address', () => {
  it('takes the hop nearest the server', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.1' }))).toBe('10.0.0.1');
    expect(clientAddress({ 'x-forwarded-for': '1.2.3.4' })).toBe('1.2.3.4');
    expect(clientAddress({})).toBe('unknown');
  });
});

describe('URLs that do not decode', () => {
  it('go to the unknown-link page under /authorize/ and to not-found elsewhere; others are left alone', async () => {
    const { rewriteUndecodable, UNKNOWN_LINK_PATH, NOT_FOUND_PATH } = await import('./undecodable-url');
    expect(rewriteUndecodable('/authorize/%ff')).toBe(UNKNOWN_LINK_PATH);
    expect(rewriteUndecodable('/authorize/%00%ff?x=1')).toBe(UNKNOWN_LINK_PATH);
    expect(rewriteUndecodable('/merchants/%E4')).toBe(NOT_FOUND_PATH);
    expect(rewriteUndecodable('/authorize/abc%20d')).toBeNull();
    expect(rewriteUndecodable('/merchants?q=%ff')).toBeNull();
  });
});
