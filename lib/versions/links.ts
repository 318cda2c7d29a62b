// Where a version is shown in the console: the one place inbox messages and pages build that link.
export function versionsPath(authAppId: string, appVersion?: string | null): string {
  const base = `/mini-apps/${encodeURIComponent(authAppId)}/versions`;
  return appVersion ? `${base}?version=${encodeURIComponent(appVersion)}` : base;
}

/** Where a rejected version's information is fixed: the mini-program's profile under its merchant. */
export function profilePath(merchantId: number, authAppId: string): string {
  return `/merchants/${merchantId}/profile?app=${encodeURIComponent(authAppId)}`;
}
