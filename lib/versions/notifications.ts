// Audit results from the platform (contract §6): `…version.audit.passed` / `…audit.rejected`, verified and stored once
// by lib/alipay/notify. The message moves the version out of AUDITING and posts to the inbox; a read of the platform
// follows to learn what the message does not say (an automatic online, the times). Idempotent with reconciliation.
import 'server-only';
import type { Db } from '@/db';
import { DEFAULT_BUNDLE_ID } from '@/lib/alipay/vocabulary';
import { listUnprocessedNotifications, markNotificationFailed, markNotificationProcessed } from '@/lib/alipay/data';
import { NOTIFICATION_KINDS, registerNotificationHandler, type VerifiedNotification } from '@/lib/alipay/notify';
import { findMerchantAppByAuthAppId } from '@/lib/authorization/data';
import { findVersion, updateVersion } from './data';
import { defaultVersionDeps, type VersionDeps } from './deps';
import { recordAuditDecision } from './history';
import { syncMiniAppVersions } from './sync';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : typeof v === 'number' ? String(v) : undefined);

export interface AuditMessage {
  authAppId: string;
  appVersion: string;
  passed: boolean;
  reason: string | null;
  notifyId: string;
  /** When the platform sent it (utc_timestamp), to recognise a decision older than the latest submission. */
  sentAt: Date | null;
}

/** The decision a stored or received message carries, or null when it is not one for the default client. */
export function parseAuditMessage(
  kind: string,
  biz: Record<string, unknown> | null,
  notifyId: string,
  extra: { authAppId?: string | null; utcTimestamp?: unknown } = {},
): AuditMessage | null {
  if (kind !== NOTIFICATION_KINDS.auditPassed && kind !== NOTIFICATION_KINDS.auditRejected) return null;
  const authAppId = str(biz?.mini_app_id) ?? extra.authAppId ?? undefined;
  const appVersion = str(biz?.mini_app_version);
  const bundleId = str(biz?.bundle_id) ?? DEFAULT_BUNDLE_ID;
  if (!authAppId || !appVersion || bundleId !== DEFAULT_BUNDLE_ID) return null;
  const passed = kind === NOTIFICATION_KINDS.auditPassed;
  const ms = Number(str(extra.utcTimestamp));
  const sentAt = Number.isFinite(ms) && ms > 0 ? new Date(ms) : null;
  return { authAppId, appVersion, passed, reason: passed ? null : (str(biz?.audit_reason) ?? null), notifyId, sentAt };
}

/**
 * Applies one decision: the version leaves AUDITING (a later state is never moved back), the decision is recorded
 * once, and a read of the platform follows in the background. Returns false for a mini-program we do not manage.
 */
export function applyAuditMessage(deps: VersionDeps, m: AuditMessage): boolean {
  const { db } = deps;
  const app = findMerchantAppByAuthAppId(db, m.authAppId);
  if (!app) return false;
  const row = findVersion(db, app.id, m.appVersion);
  const now = deps.now();
  // A decision sent before the version's latest submission answers an earlier one (the history already has it).
  const stale = !!(row?.gmtApplyAudit && m.sentAt && m.sentAt.getTime() < row.gmtApplyAudit.getTime());
  if (row && !row.deletedAt && !stale) {
    let current = row;
    if (row.status === 'AUDITING') {
      current = updateVersion(
        db,
        row.id,
        m.passed ? { status: 'WAIT_RELEASE', rejectReason: null, gmtAuditEnd: now } : { status: 'AUDIT_REJECT', rejectReason: m.reason, gmtAuditEnd: now },
      );
    }
    recordAuditDecision(db, current, { passed: m.passed, reason: m.reason ?? current.rejectReason, at: now }, 'notification', m.notifyId);
  }
  if (app.status !== 'authorized') return true;
  // Not awaited: the platform is waiting for our `success`, and this read calls the platform back.
  void syncMiniAppVersions(deps, app.id, { reason: 'notification', fresh: true })
    .then(() => {
      if (row) return;
      // A version we had not seen yet (uploaded elsewhere): now that it is read, record the decision.
      const found = findVersion(db, app.id, m.appVersion);
      if (found) recordAuditDecision(db, found, { passed: m.passed, reason: m.reason, at: now }, 'notification', m.notifyId);
    })
    .catch((e) => console.warn(`[versions] read after an audit message failed: ${e instanceof Error ? e.message : String(e)}`));
  return true;
}

export function handleAuditNotification(n: VerifiedNotification, _ctx: { db: Db }, deps: VersionDeps = defaultVersionDeps()): void {
  const m = parseAuditMessage(n.kind, n.bizContent, n.notifyId, { authAppId: n.authAppId, utcTimestamp: n.params.utc_timestamp });
  if (m) applyAuditMessage(deps, m);
}

export function registerVersionNotificationHandlers(): void {
  registerNotificationHandler(NOTIFICATION_KINDS.auditPassed, handleAuditNotification);
  registerNotificationHandler(NOTIFICATION_KINDS.auditRejected, handleAuditNotification);
}

const RECONCILE_WINDOW_MS = 7 * 24 * 60 * 60_000;

/** Stored audit messages no handler processed (e.g. received before the handlers were registered): process them now. */
export function processStoredAuditMessages(deps: VersionDeps): number {
  const { db } = deps;
  const now = deps.now();
  const rows = listUnprocessedNotifications(db, {
    kinds: [NOTIFICATION_KINDS.auditPassed, NOTIFICATION_KINDS.auditRejected],
    since: new Date(now.getTime() - RECONCILE_WINDOW_MS),
    includeFailed: true,
  });
  let processed = 0;
  for (const row of rows) {
    try {
      const payload = JSON.parse(row.payload) as { biz_content?: Record<string, unknown>; utc_timestamp?: string };
      const m = parseAuditMessage(row.kind, payload.biz_content ?? null, row.notifyId, { authAppId: row.authAppId, utcTimestamp: payload.utc_timestamp });
      if (m) applyAuditMessage(deps, m);
      markNotificationProcessed(db, row.id, now);
      processed++;
    } catch (e) {
      markNotificationFailed(db, row.id, e instanceof Error ? e.message : String(e));
    }
  }
  return processed;
}
