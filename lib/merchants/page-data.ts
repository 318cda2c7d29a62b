// What every merchant detail page needs first: the merchant (or a 404), with stale notifications reconciled.
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import { reconcileAuthorizationNotifications } from '@/lib/authorization/notifications';
import { findMerchant } from '@/lib/data/merchants';

export const loadMerchantForPage = cache((rawId: string) => {
  const id = Number(rawId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const db = getDb();
  reconcileAuthorizationNotifications(db);
  const merchant = findMerchant(db, id);
  if (!merchant) notFound();
  return merchant;
});
