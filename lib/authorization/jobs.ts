// Background work for authorizations, started once per server process from bootstrap(): the notification handlers
// and an unref'd interval that refreshes and checks tokens and reconciles unprocessed notifications.
import 'server-only';
import { getDb } from '@/db';
import { getAlipayClient } from '@/lib/alipay/client';
import { registerAuthorizationNotificationHandlers, reconcileAuthorizationNotifications } from './notifications';
import { refreshDueTokens } from './refresher';
import { getTokenCipher } from './tokens';

export const TOKEN_JOB_INTERVAL_MS = 10 * 60_000;
/**
 * Stored notifications no handler processed (delivered before the handlers were registered, or while a build without
 * them ran) are picked up this often; a cheap indexed query. Ones whose handler failed are retried with the token job.
 */
export const RECONCILE_INTERVAL_MS = 15_000;
const FIRST_RUN_DELAY_MS = 30_000;

const g = globalThis as unknown as { __tinyappAuthorizationJobs?: { timers: NodeJS.Timeout[]; running: boolean } };

function reconcile(): void {
  try {
    reconcileAuthorizationNotifications(getDb(), getTokenCipher());
  } catch (e) {
    console.error('[tinyapp] notification reconcile failed:', e instanceof Error ? e.message : e);
  }
}

async function runOnce(): Promise<void> {
  const state = g.__tinyappAuthorizationJobs;
  if (!state || state.running) return;
  state.running = true;
  try {
    const db = getDb();
    const cipher = getTokenCipher();
    reconcileAuthorizationNotifications(db, cipher, new Date(), { includeFailed: true });
    const s = await refreshDueTokens(db, new Date(), { cipher, client: getAlipayClient() });
    if (s.refreshed || s.refreshFailed || s.invalid || s.checkFailed) {
      console.info(`[tinyapp] tokens: ${s.refreshed} refreshed, ${s.refreshFailed} refresh failed, ${s.checked} checked, ${s.invalid} invalid, ${s.checkFailed} check failed`);
    }
  } catch (e) {
    console.error('[tinyapp] token job failed:', e instanceof Error ? e.message : e);
  } finally {
    state.running = false;
  }
}

/** Idempotent: a second call (or a dev-server reload) keeps the one interval already running. */
export function startAuthorizationJobs(intervalMs: number = TOKEN_JOB_INTERVAL_MS): void {
  registerAuthorizationNotificationHandlers();
  if (g.__tinyappAuthorizationJobs) return;
  const timers = [setInterval(() => void runOnce(), intervalMs), setInterval(reconcile, RECONCILE_INTERVAL_MS)];
  for (const t of timers) t.unref();
  g.__tinyappAuthorizationJobs = { timers, running: false };
  setTimeout(() => void runOnce(), FIRST_RUN_DELAY_MS).unref();
}

export function stopAuthorizationJobs(): void {
  for (const t of g.__tinyappAuthorizationJobs?.timers ?? []) clearInterval(t);
  g.__tinyappAuthorizationJobs = undefined;
}
