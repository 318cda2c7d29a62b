// Ordinary-QR route rules (alipay.open.mini.qrcode.bind, contract §4 "Codes").

export type RouteMode = 'EXACT' | 'FUZZY';

export interface RouteRule {
  routeUrl: string;
  /** Stored rules may also be PATTERN (injected from /sandbox): they never conflict with a bound rule. */
  mode: RouteMode | 'PATTERN';
}

export const MAX_ROUTES_PER_APP = 20;

export function isRouteMode(value: string): value is RouteMode {
  return value === 'EXACT' || value === 'FUZZY';
}

/** http, https or ftp with a host. */
export function parseRouteUrl(routeUrl: string): URL | null {
  if (!/^(https?|ftp):\/\/[^/?#\s]+/i.test(routeUrl) || /\s/.test(routeUrl)) return null;
  try {
    const url = new URL(routeUrl);
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

/** Sandbox rule: hosts under the reserved `.invalid` TLD count as not verified. */
export function isHostVerified(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  return !(host === 'invalid' || host.endsWith('.invalid'));
}

/** Scheme and host are case-insensitive; the rest is compared as sent. */
function normalize(routeUrl: string): string {
  const m = /^([a-z]+:\/\/[^/?#]+)(.*)$/i.exec(routeUrl);
  return m ? m[1].toLowerCase() + m[2] : routeUrl;
}

/** Same mode and identical, or (FUZZY, prefix matching) one rule's prefix covers the other's. */
export function rulesConflict(a: RouteRule, b: RouteRule): boolean {
  if (a.mode !== b.mode) return false;
  const x = normalize(a.routeUrl);
  const y = normalize(b.routeUrl);
  if (x === y) return true;
  return a.mode === 'FUZZY' && (x.startsWith(y) || y.startsWith(x));
}

/** Sandbox rule: a template with a non-empty host list lets its instances bind only URLs on those hosts. */
export function templateAllowsHost(qrHosts: readonly string[], url: URL): boolean {
  if (!qrHosts.length) return true;
  const host = url.hostname.toLowerCase();
  return qrHosts.some((h) => h.trim().toLowerCase() === host);
}

export function parseQrHosts(json: string | null | undefined): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string' && h.trim() !== '') : [];
  } catch {
    return [];
  }
}

export function findConflict<T extends RouteRule>(candidate: RouteRule, existing: T[]): T | undefined {
  return existing.find((r) => rulesConflict(candidate, r));
}
