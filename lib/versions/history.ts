// What happens when the platform decides an audit or a build ends: the version's history, the staff inbox, and
// (for corrections found by polling) the operation log. Shared by notifications, reconciliation and the services.
import type { Db } from '@/db';
import type { MiniAppVersion } from '@/db/schema';
import { findMerchantApp, updateMerchantApp } from '@/lib/authorization/data';
import { postMessage } from '@/lib/messages/post';
import { keyParam } from '@/lib/messages/text';
import { recordOperation } from '@/lib/operation-log/log';
import { addEvent, decisionRecorded, latestSubmission, type VersionEventSource } from './data';
import { versionsPath } from './links';

export const VERSION_MESSAGE_TYPES = ['audit.passed', 'audit.rejected', 'build.failed'] as const;

/** The operation log's actor for what the console did by itself (reconciliation, notifications). */
export const SYSTEM_ACTOR = { id: null, email: 'system' } as const;

function appLabel(db: Db, v: Pick<MiniAppVersion, 'merchantAppId' | 'authAppId'>): { label: string; merchantId: number | null } {
  const app = findMerchantApp(db, v.merchantAppId);
  return { label: app?.appName ?? v.authAppId, merchantId: app?.merchantId ?? null };
}

/**
 * Records the platform's decision on the version's latest submission (its audit round), once: a notification and a
 * poll reporting the same decision (in either order) give one history entry and one inbox message; a number reused
 * after a delete is a new round and gets its own. Returns whether it was new.
 */
export function recordAuditDecision(
  db: Db,
  v: MiniAppVersion,
  decision: { passed: boolean; reason?: string | null; at?: Date | null },
  source: VersionEventSource,
  notifyId?: string,
): boolean {
  return db.transaction(() => {
      // A submission made outside the console, never seen in AUDITING by us, still counts as the first round.
      const round = Math.max(1, v.auditRound);
      if (decisionRecorded(db, v.id, round)) return false;
      addEvent(db, {
        versionId: v.id,
        auditRound: round,
        kind: decision.passed ? 'passed' : 'rejected',
        source,
        reason: decision.passed ? null : (decision.reason ?? null),
        notifyId,
        at: decision.at ?? undefined,
      });
      const { label, merchantId } = appLabel(db, v);
      postMessage(db, {
        type: decision.passed ? 'audit.passed' : 'audit.rejected',
        notice: decision.passed
          ? { name: 'auditPassed', params: { app: label, version: v.appVersion } }
          : { name: 'auditRejected', params: { app: label, version: v.appVersion, reason: decision.reason?.trim() || keyParam('inbox.notices.noReason') } },
        merchantId,
        miniAppId: v.authAppId,
        version: v.appVersion,
        link: versionsPath(v.authAppId, v.appVersion),
      });
      return true;
    });
}

export function recordBuildEnd(db: Db, v: MiniAppVersion, outcome: 'success' | 'failed' | 'timeout', source: VersionEventSource): void {
  addEvent(db, { versionId: v.id, kind: outcome === 'success' ? 'buildSucceeded' : 'buildFailed', source, reason: outcome === 'timeout' ? 'versions.historyReasons.buildTimeout' : null });
  if (outcome === 'success') return;
  const { label, merchantId } = appLabel(db, v);
  postMessage(db, {
    type: 'build.failed',
    notice: { name: outcome === 'timeout' ? 'buildTimeout' : 'buildFailed', params: { app: label, version: v.appVersion } },
    merchantId,
    miniAppId: v.authAppId,
    version: v.appVersion,
    link: versionsPath(v.authAppId, v.appVersion),
  });
}

/** A disagreement between the console's copy and the platform, corrected: kept in the operation log. */
export function logCorrection(db: Db, v: Pick<MiniAppVersion, 'authAppId' | 'appVersion'>, from: string | null, to: string, note?: string): void {
  recordOperation(db, {
    actor: SYSTEM_ACTOR,
    action: 'versions.reconcile',
    target: { type: 'miniAppVersion', id: `${v.authAppId}@${v.appVersion}` },
    input: { appVersion: v.appVersion, from, to },
    result: 'ok',
    detail: `${v.appVersion}: ${from ?? '—'} → ${to}${note ? `（${note}）` : ''}`,
  });
}

/**
 * A version has gone online with a submission that changed the name or categories: the console's copy of the
 * mini-program follows (base info returns category names only, so the ids are kept here).
 */
export function publishSubmittedInfo(db: Db, v: Pick<MiniAppVersion, 'id' | 'merchantAppId'>): void {
  const fields = latestSubmission(db, v.id) as { appName?: string | null; categoryIds?: string[] } | null;
  if (!fields) return;
  const patch: { appName?: string; categoryIds?: string } = {};
  if (fields.appName) patch.appName = fields.appName;
  if (fields.categoryIds?.length) patch.categoryIds = fields.categoryIds.join(';');
  if (Object.keys(patch).length) updateMerchantApp(db, v.merchantAppId, patch);
}
