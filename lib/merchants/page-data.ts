// What every merchant detail page needs first: the merchant (or a 404), with stale notifications reconciled.
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { reconcileAuthorizationNotifications } from '@/lib/authorization/notifications';
import { findMerchant } from '@/lib/merchants/data';

// Page views (a viewer's included) may repeat at will: the catch-up runs at most this often per process.
const RECONCILE_MIN_INTERVAL_MS = 5_000;
let lastReconcile = 0;

export const loadMerchantForPage = cache((rawId: string) => {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const db = getDb();
  if (Date.now() - lastReconcile >= RECONCILE_MIN_INTERVAL_MS) {
    lastReconcile = Date.now();
    reconcileAuthorizationNotifications(db);
  }
  const merchant = findMerchant(db, id);
  if (!merchant) notFound();
  return merchant;
});
