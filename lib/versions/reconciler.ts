// The reconciliation job: messages can be lost (contract §6), so mini-programs with a version in audit, building,
// in gray, packaging or with a call of unknown outcome are read from the platform on an interval.
import 'server-only';
import { miniAppsNeedingReconciliation } from './data';
import { defaultVersionDeps, type VersionDeps } from './deps';
import { processStoredAuditMessages, registerVersionNotificationHandlers } from './notifications';
import { settlePendingCalls } from './service';
import { syncMiniAppVersions } from './sync';

const DEFAULT_INTERVAL_MS = 30_000;

/** One pass: stored messages left unprocessed, then every watched mini-program. Returns how many were read. */
export async function reconcileVersions(deps: VersionDeps = defaultVersionDeps()): Promise<number> {
  processStoredAuditMessages(deps);
  const ids = miniAppsNeedingReconciliation(deps.db);
  for (const id of ids) {
    try {
      await syncMiniAppVersions(deps, id, { reason: 'poll' });
      await settlePendingCalls(deps, id);
    } catch (e) {
      // One mini-program's failure (a cancelled authorization, a platform fault) must not stop the others.
      console.warn(`[versions] reconciling mini-program #${id} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return ids.length;
}

const g = globalThis as unknown as { __versionReconciler?: NodeJS.Timeout };

/** Registers the audit message handlers and starts the interval (once per process; later calls only re-register). */
export function startVersionReconciler(intervalMs: number = DEFAULT_INTERVAL_MS): void {
  registerVersionNotificationHandlers();
  if (g.__versionReconciler) return;
  let running = false;
  g.__versionReconciler = setInterval(() => {
    if (running) return;
    running = true;
    reconcileVersions()
      .catch((e) => console.warn(`[versions] reconciliation failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  g.__versionReconciler.unref?.();
}

export function stopVersionReconciler(): void {
  if (g.__versionReconciler) clearInterval(g.__versionReconciler);
  g.__versionReconciler = undefined;
}
