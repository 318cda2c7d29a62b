// Cross-site request refusal for JSON endpoints a browser could be tricked into calling: a page elsewhere can send a
// `text/plain` POST with the staff member's cookies, but cannot set `application/json` without a preflight, and
// the browser names where the request comes from in Origin / Sec-Fetch-Site.

export type CrossSiteRefusal = 'content-type' | 'origin';

export function refuseCrossSite(request: Request, appUrl: string): CrossSiteRefusal | null {
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') return 'content-type';
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return 'origin';
  const origin = request.headers.get('origin');
  // Scripts and tests (no browser) send no Origin; a browser always does on a POST.
  if (origin && origin !== new URL(appUrl).origin) return 'origin';
  return null;
}
