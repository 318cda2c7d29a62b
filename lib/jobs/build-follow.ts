// After a console upload the worker follows the build until it ends (a job on the batch queue that comes back every
// FOLLOW_INTERVAL_MS), so the web server starts no timer of its own and the result is known without a page open.
import 'server-only';
import { getConfig } from '@/lib/config';
import { batchQueueFile, openBatchQueue, type BatchQueue } from './batch-queue';

export const FOLLOW_INTERVAL_MS = 1000;
export const FOLLOW_LIMIT_MS = 15 * 60_000;

const g = globalThis as unknown as { __buildFollowQueue?: BatchQueue };

/** Never throws: the upload is done whatever happens here, and the reconciler reads builds too. */
export async function followBuildsInWorker(merchantAppId: number, now = Date.now()): Promise<void> {
  try {
    g.__buildFollowQueue ??= openBatchQueue(batchQueueFile(getConfig().dataDir));
    await g.__buildFollowQueue.enqueue({ kind: 'builds', merchantAppId, until: now + FOLLOW_LIMIT_MS }, { idempotencyKey: `builds:${merchantAppId}` });
  } catch (e) {
    console.warn(`[versions] could not ask the worker to follow builds: ${e instanceof Error ? e.message : String(e)}`);
  }
}
