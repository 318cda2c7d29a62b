// Which requests the proxy lets through without a staff session, and how large a body each may send.
// Everything not listed as public is part of the console and needs a session.

export type RouteKind = 'public' | 'console-page' | 'console-api';

const KB = 1024;
const MB = 1024 * KB;

interface PublicRoute {
  prefix: string;
  /** Largest body accepted, checked before it is read. */
  maxBody: number;
  /** Pages a merchant opens with a secret in the URL send no Referer anywhere. */
  noReferrer?: boolean;
}

// Order matters: the first matching prefix wins.
const PUBLIC: PublicRoute[] = [
  { prefix: '/login', maxBody: 16 * KB },
  { prefix: '/api/auth/', maxBody: 16 * KB },
  // A form notification from Alipay is a few kB.
  { prefix: '/api/alipay/notify', maxBody: 64 * KB },
  { prefix: '/api/alipay/callback', maxBody: 0, noReferrer: true },
  { prefix: '/authorize/', maxBody: 16 * KB, noReferrer: true },
  // The sandbox's public surfaces (each checks the mode itself); its gateway receives image uploads.
  { prefix: '/sandbox/openauth', maxBody: 64 * KB, noReferrer: true },
  { prefix: '/sandbox/gateway.do', maxBody: 16 * MB },
  { prefix: '/sandbox/qr/', maxBody: 0 },
  // Answers 401/403 JSON itself (lib/auth/guard withRole).
  { prefix: '/sandbox/api/', maxBody: 1 * MB },
  { prefix: '/_next/', maxBody: 0 },
  { prefix: '/favicon.ico', maxBody: 0 },
];

/** Staff requests: server actions carry images (next.config.js serverActions.bodySizeLimit). */
export const CONSOLE_MAX_BODY = 12 * MB;

function matches(pathname: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return pathname.startsWith(prefix);
  return pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}?`);
}

export function classifyRoute(pathname: string): { kind: RouteKind; maxBody: number; noReferrer: boolean } {
  const route = PUBLIC.find((r) => matches(pathname, r.prefix));
  if (route) return { kind: 'public', maxBody: route.maxBody, noReferrer: !!route.noReferrer };
  if (pathname === '/api' || pathname.startsWith('/api/')) return { kind: 'console-api', maxBody: CONSOLE_MAX_BODY, noReferrer: false };
  return { kind: 'console-page', maxBody: CONSOLE_MAX_BODY, noReferrer: false };
}

/** Refuses a body before it is read: too large by its declared length, or of unknown length where one is capped. */
export function bodyRefusal(method: string, headers: Headers, maxBody: number): 411 | 413 | null {
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return null;
  const declared = headers.get('content-length');
  if (declared === null) {
    // A chunked body could be any size: where bodies are small, ask for its length first.
    return headers.has('transfer-encoding') && maxBody < CONSOLE_MAX_BODY ? 411 : null;
  }
  const length = Number(declared);
  if (!Number.isSafeInteger(length) || length < 0) return 413;
  return length > maxBody ? 413 : null;
}
