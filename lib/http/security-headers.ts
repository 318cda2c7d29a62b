// The security headers of every response, and the Content-Security-Policy of pages. Scripts run only with the
// per-request nonce (Next.js puts it on its own scripts when it finds the policy on the request); antd's CSS-in-JS
// writes <style> elements and style attributes at run time, so styles are allowed inline (they cannot run code).

export interface CspOptions {
  nonce: string;
  dev: boolean;
  /** Origins a form may post or redirect to besides this one (the authorization host in production). */
  formTargets: string[];
  https: boolean;
}

export function contentSecurityPolicy(o: CspOptions): string {
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    // Mini-program logos and audit images come from the platform's CDN (https) in production; QR codes are data URLs.
    `img-src 'self' data: blob: https:`,
    `font-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'${o.formTargets.length ? ` ${o.formTargets.join(' ')}` : ''}`,
    `frame-ancestors 'none'`,
    `frame-src 'none'`,
    ...(o.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Headers for every response, pages or not. */
export function baseSecurityHeaders(https: boolean): Record<string, string> {
  return {
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
