// Ordinary-QR rules as the platform applies them (contract §4 "Codes"), shared by the form, the tester and the
// service: which rules overlap (refused before sending), and which rule a scanned URL opens.

/** At most this many rules per mini-program. */
export const QR_ROUTE_LIMIT = 20;

export const BINDABLE_MODES = ['EXACT', 'FUZZY'] as const;
export type BindableMode = (typeof BINDABLE_MODES)[number];

export interface RouteRule {
  routeUrl: string;
  /** EXACT, FUZZY (prefix), PATTERN, or a value the console does not know (kept raw). */
  mode: string;
}

/** The platform accepts http, https and ftp URLs with a host and no spaces. */
export function isRouteUrl(value: string): boolean {
  if (!/^(https?|ftp):\/\/[^/?#\s]+/i.test(value) || /\s/.test(value)) return false;
  try {
    return !!new URL(value).hostname;
  } catch {
    return false;
  }
}

/** Scheme and host are case-insensitive; the rest is compared as typed. */
export function normalizeRouteUrl(url: string): string {
  const m = /^([a-z]+:\/\/[^/?#]+)(.*)$/i.exec(url.trim());
  return m ? m[1].toLowerCase() + m[2] : url.trim();
}

/**
 * The platform's overlap rule: rules of the same mode conflict when identical, or (FUZZY) when one prefix covers the
 * other. Rules of different modes may coexist: an exact rule inside a prefix rule's range takes precedence.
 */
export function rulesOverlap(a: RouteRule, b: RouteRule): boolean {
  if (a.mode !== b.mode) return false;
  const x = normalizeRouteUrl(a.routeUrl);
  const y = normalizeRouteUrl(b.routeUrl);
  if (x === y) return true;
  return a.mode === 'FUZZY' && (x.startsWith(y) || y.startsWith(x));
}

export function findOverlap<T extends RouteRule>(candidate: RouteRule, existing: readonly T[]): T | undefined {
  return existing.find((r) => rulesOverlap(candidate, r));
}

/** `{0}`, `{1}` in a pattern rule's URL stand for one path segment each. */
function patternRegex(routeUrl: string): RegExp {
  const parts = normalizeRouteUrl(routeUrl).split(/\{\d+\}/);
  const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/?#]+');
  return new RegExp(`^${body}(?:[?#].*)?$`);
}

export type MatchKind = 'EXACT' | 'PATTERN' | 'FUZZY';

/**
 * Which rule a scanned URL opens: an exact rule first, then a pattern rule, then the longest prefix rule. Rules of a
 * mode the console does not know never match here (the platform decides for them).
 */
export function matchRoute<T extends RouteRule>(url: string, rules: readonly T[]): { rule: T; kind: MatchKind } | null {
  const u = normalizeRouteUrl(url);
  const exact = rules.find((r) => r.mode === 'EXACT' && normalizeRouteUrl(r.routeUrl) === u);
  if (exact) return { rule: exact, kind: 'EXACT' };
  const pattern = rules.find((r) => r.mode === 'PATTERN' && patternRegex(r.routeUrl).test(u));
  if (pattern) return { rule: pattern, kind: 'PATTERN' };
  const prefixes = rules.filter((r) => r.mode === 'FUZZY' && u.startsWith(normalizeRouteUrl(r.routeUrl)));
  if (!prefixes.length) return null;
  const longest = prefixes.reduce((a, b) => (normalizeRouteUrl(b.routeUrl).length > normalizeRouteUrl(a.routeUrl).length ? b : a));
  return { rule: longest, kind: 'FUZZY' };
}

/** A page path of the mini-program: `pages/index/index`, no leading slash, no query. */
export const PAGE_PATH = /^[A-Za-z0-9_\-]+(\/[A-Za-z0-9_\-.]+)*$/;
/** `k=v&k2=v2`. */
export const QUERY_PARAM = /^[^=&\s]+=[^&\s]*(&[^=&\s]+=[^&\s]*)*$/;

/** Which rule-form field a platform refusal belongs on. */
const ROUTE_FIELDS: Record<string, 'routeUrl' | 'mode' | 'pageRedirection'> = {
  QRCODE_ROUTE_URL_INVALID: 'routeUrl',
  HOST_VERIFY_FAILD: 'routeUrl',
  ROUTE_RULE_CONFLICT: 'routeUrl',
  TEMPLATE_NOT_HAVE_HOST: 'routeUrl',
  TEMPLATE_MISMATCH_ISVAPPID: 'routeUrl',
  ROUTE_OVER_LIMIT: 'routeUrl',
};

export function routeFieldOf(subCode: string | undefined): 'routeUrl' | 'mode' | 'pageRedirection' | undefined {
  return subCode ? ROUTE_FIELDS[subCode] : undefined;
}

/** Refusals whose fix is on the template, explained at length beside the form. */
export const TEMPLATE_PREREQUISITE_CODES = ['TEMPLATE_NOT_HAVE_HOST', 'BUILDED_NOT_BY_TEMPLATE', 'TEMPLATE_MISMATCH_ISVAPPID'] as const;

/** Which code-form field a platform refusal belongs on. */
export function pageCodeFieldOf(subCode: string | undefined): 'urlParam' | 'queryParam' | 'size' | 'color' | undefined {
  if (!subCode) return undefined;
  if (/URL_PARAM|PAGE/i.test(subCode)) return 'urlParam';
  if (/QUERY/i.test(subCode)) return 'queryParam';
  return undefined;
}
