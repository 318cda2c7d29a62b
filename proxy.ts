// Runs before any page, action or route: security headers and the pages' nonce-based CSP on every response, body
// caps on public endpoints, and no console route without a live staff session (idle sessions end here). Pages,
// actions and route handlers still check the role themselves (lib/auth/guard.ts); this is the outer wall.
import { NextResponse, type NextRequest } from 'next/server';
import { checkSessionCookie, refreshedSessionCookie, sessionCookieName } from '@/lib/auth/session-token';
import { getConfig } from '@/lib/config';
import { bodyRefusal, classifyRoute } from '@/lib/http/routes';
import { baseSecurityHeaders, contentSecurityPolicy } from '@/lib/http/security-headers';

// Polled by the header: not a sign of a person at the keyboard, so it does not keep a session alive.
const NOT_ACTIVITY = new Set(['/api/messages/unread']);

export async function proxy(request: NextRequest) {
  const config = getConfig();
  const { pathname } = request.nextUrl;
  const https = config.appUrl.startsWith('https://');
  const route = classifyRoute(pathname);

  const finish = (response: NextResponse, csp?: string) => {
    for (const [k, v] of Object.entries(baseSecurityHeaders(https))) response.headers.set(k, v);
    if (route.noReferrer) response.headers.set('referrer-policy', 'no-referrer');
    if (csp) response.headers.set('content-security-policy', csp);
    return response;
  };

  if (config.alipayMode === 'production' && (pathname === '/sandbox' || pathname.startsWith('/sandbox/'))) {
    return finish(new NextResponse('Not Found', { status: 404 }));
  }

  const refused = bodyRefusal(request.method, request.headers, route.maxBody);
  if (refused) {
    return finish(new NextResponse(refused === 413 ? 'Payload Too Large' : 'Length Required', { status: refused, headers: { connection: 'close' } }));
  }

  let refreshCookie: string | undefined;
  const cookieName = sessionCookieName(config.appUrl);
  if (route.kind !== 'public') {
    const session = await checkSessionCookie(request.cookies.get(cookieName)?.value, config.authSecret, config.sessionIdleMs);
    if (!session.ok) {
      const response =
        route.kind === 'console-api' || request.method !== 'GET'
          ? NextResponse.json({ error: 'auth.signedOut' }, { status: 401 })
          : NextResponse.redirect(new URL(session.reason === 'idle' ? '/login?idle=1' : '/login', config.appUrl), 307);
      if (session.reason !== 'missing') response.cookies.delete(cookieName);
      return finish(response);
    }
    if (session.refresh && !NOT_ACTIVITY.has(pathname)) refreshCookie = await refreshedSessionCookie(session.token, config.authSecret);
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV !== 'production',
    formTargets: config.alipayMode === 'production' ? [new URL(config.alipay.openAuthUrl).origin] : [],
    https,
  });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the policy from the request and puts the nonce on the scripts it renders.
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (refreshCookie) {
    response.cookies.set(cookieName, refreshCookie, { httpOnly: true, sameSite: 'lax', path: '/', secure: https });
  }
  return finish(response, csp);
}

export const config = {
  // Static build files carry their headers from next.config.js; everything else passes here.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
