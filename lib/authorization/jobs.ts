// Background work for authorizations, run by the worker's schedule (lib/jobs/schedule.ts): tokens refreshed and
// checked, and stored notifications no handler processed picked up.
import 'server-only';
import { getDb } from '@/db';
import { getAlipayClient } from '@/lib/alipay/client';
import { registerAuthorizationNotificationHandlers, reconcileAuthorizationNotifications } from './notifications';
import { refreshDueTokens } from './refresher';
import { getTokenCipher } from './tokens';

/**
 * Notifications delivered before the handlers were registered (or while a build without them ran); a cheap indexed
 * query. Ones whose handler failed are retried with the token job.
 */
export function reconcileNotifications(): void {
  registerAuthorizationNotificationHandlers();
  reconcileAuthorizationNotifications(getDb(), getTokenCipher());
}

export async function refreshTokens(): Promise<void> {
  registerAuthorizationNotificationHandlers();
  const db = getDb();
  const cipher = getTokenCipher();
  reconcileAuthorizationNotifications(db, cipher, new Date(), { includeFailed: true });
  const s = await refreshDueTokens(db, new Date(), { cipher, client: getAlipayClient() });
  if (s.refreshed || s.refreshFailed || s.invalid || s.checkFailed) {
    console.info(`[tinyapp] tokens: ${s.refreshed} refreshed, ${s.refreshFailed} refresh failed, ${s.checked} checked, ${s.invalid} invalid, ${s.checkFailed} check failed`);
  }
}
