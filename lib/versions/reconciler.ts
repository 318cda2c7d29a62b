// Reconciliation: messages can be lost and staff may act on Alipay's own site (contract §6), so mini-programs with a
// version in audit, building, in gray, packaging or with a call of unknown outcome are read from the platform on an
// interval. It runs in the worker, as jobs on its queue under the same rate limit as batches (lib/jobs/batch-worker);
// nothing here starts from a page render.
import 'server-only';
import type { Db } from '@/db';
import { miniAppsNeedingReconciliation } from './data';
import type { VersionDeps } from './deps';
import { processStoredAuditMessages } from './notifications';
import { settlePendingCalls } from './service';
import { syncMiniAppVersions } from './sync';

/** The mini-programs one pass reads. */
export function miniAppsToReconcile(db: Db): number[] {
  return miniAppsNeedingReconciliation(db, 500);
}

/** Stored audit messages no handler processed (e.g. received while the handlers were not registered yet). */
export function reconcileStoredMessages(deps: VersionDeps): number {
  return processStoredAuditMessages(deps);
}

/** One mini-program: its versions read from the platform, then calls of unknown outcome settled. */
export async function reconcileMiniApp(deps: VersionDeps, merchantAppId: number): Promise<void> {
  await syncMiniAppVersions(deps, merchantAppId, { reason: 'poll' });
  await settlePendingCalls(deps, merchantAppId);
}
