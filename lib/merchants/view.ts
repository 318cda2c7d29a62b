// Plain, serialisable shapes the merchant pages hand to client components.
import type { Merchant, MerchantApp } from '@/db/schema';
import type { MerchantListRow } from '@/lib/merchants/data';
import { tokenHealth, type TokenHealth } from '@/lib/authorization/refresher';
import { blockedReason } from '@/lib/authorization/tokens';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function merchantRow(m: MerchantListRow) {
  return {
    id: m.id,
    name: m.name,
    contactName: m.contactName,
    mobile: m.mobile,
    industry: m.industry,
    authStatus: m.authStatus,
    archived: m.archivedAt !== null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: iso(m.updatedAt),
    apps: m.apps,
  };
}
export type MerchantRowView = ReturnType<typeof merchantRow>;

export function merchantView(m: Merchant) {
  return {
    id: m.id,
    name: m.name,
    contactName: m.contactName,
    mobile: m.mobile,
    email: m.email ?? '',
    industry: m.industry,
    address: m.address ?? '',
    remarks: m.remarks ?? '',
    authStatus: m.authStatus,
    archived: m.archivedAt !== null,
    archivedAt: iso(m.archivedAt),
    createdAt: m.createdAt.toISOString(),
    updatedAt: iso(m.updatedAt),
  };
}
export type MerchantView = ReturnType<typeof merchantView>;

export function merchantAppView(app: MerchantApp, merchant: Pick<Merchant, 'archivedAt'>, now: Date) {
  return {
    id: app.id,
    authAppId: app.authAppId,
    appName: app.appName,
    userId: app.userId,
    status: app.status,
    health: tokenHealth(app, now) as TokenHealth,
    blocked: blockedReason(app, merchant),
    authorizedAt: app.authorizedAt.toISOString(),
    // A cancelled authorization keeps no token, so it has no refresh deadline to show.
    refreshExpiresAt: app.status === 'cancelled' ? null : iso(app.refreshExpiresAt),
    lastRefreshedAt: iso(app.lastRefreshedAt),
    lastRefreshError: app.lastRefreshError,
    lastCheckedAt: iso(app.lastCheckedAt),
    lastCheckResult: app.lastCheckResult,
    lastCheckError: app.lastCheckError,
    endedAt: iso(app.endedAt),
    endedReason: app.endedReason,
  };
}
export type MerchantAppView = ReturnType<typeof merchantAppView>;
