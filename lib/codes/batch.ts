// A page-code batch's generated codes with the merchant each belongs to, for the zip download.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchantApps, merchants, pageCodes } from '@/db/schema';

export function listBatchCodeEntries(db: Db, batchId: number) {
  return db
    .select({ merchantName: merchants.name, authAppId: merchantApps.authAppId, code: pageCodes })
    .from(pageCodes)
    .innerJoin(merchantApps, eq(merchantApps.id, pageCodes.merchantAppId))
    .innerJoin(merchants, eq(merchants.id, merchantApps.merchantId))
    .where(eq(pageCodes.batchId, batchId))
    .orderBy(merchants.name, pageCodes.id)
    .all();
}
