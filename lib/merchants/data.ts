// Merchants: reads and writes. No authorization here; callers check roles.
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '@/db';
import { prepared } from '@/db/prepared';
import { merchantApps, merchants, type Merchant, type MerchantApp, type MerchantAuthStatus, type NewMerchant } from '@/db/schema';
import { stagePredicate } from '@/lib/dashboard/stages';
import type { MerchantListQuery } from '@/lib/validation/merchants';

/** `%text%` for LIKE with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function likeEscaped(column: AnyColumn, pattern: string): SQL {
  return sql`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export type MerchantFilter = Pick<MerchantListQuery, 'q' | 'status' | 'industry' | 'archived'> & Partial<Pick<MerchantListQuery, 'stage' | 'reason' | 'hours'>>;

const searchable = alias(merchants, 'searchable');

/** The text the list searches; must stay the expression of the merchants_search_idx index in db/schema.ts. */
const searchKey = (t: Record<'name' | 'contactName' | 'mobile', AnyColumn>) => sql`(${t.name} || char(31) || ${t.contactName} || char(31) || ${t.mobile})`;

export function merchantWhere(filter: MerchantFilter): SQL | undefined {
  const archived = (t: { archivedAt: AnyColumn }) => (filter.archived ? isNotNull(t.archivedAt) : isNull(t.archivedAt));
  const where: SQL[] = [archived(merchants)];
  if (filter.status) where.push(eq(merchants.authStatus, filter.status));
  if (filter.industry) where.push(eq(merchants.industry, filter.industry));
  // The dashboard's funnel and attention links: the very predicate the dashboard counted with.
  const stage = filter.stage && stagePredicate(filter.stage, { reason: filter.reason, hours: filter.hours });
  if (stage) where.push(stage);
  if (filter.q) {
    const p = containsPattern(filter.q);
    // Both matches are subqueries evaluated once: the text one scans the covering search index, not the rows,
    // so a rare match does not walk 10 000 merchants row by row through the sort index.
    where.push(
      sql`(${merchants.id} IN (SELECT ${searchable.id} FROM ${merchants} AS ${sql.identifier('searchable')} WHERE ${archived(searchable)} AND ${searchKey(searchable)} LIKE ${p} ESCAPE '\\')
        OR ${merchants.id} IN (SELECT ${merchantApps.merchantId} FROM ${merchantApps}
          WHERE ${likeEscaped(merchantApps.authAppId, p)} OR ${likeEscaped(merchantApps.appName, p)}))`,
    );
  }
  return and(...where);
}

function orderBy(query: Pick<MerchantListQuery, 'sort' | 'order'>): SQL[] {
  const dir = query.order === 'asc' ? asc : desc;
  const column = query.sort === 'name' ? merchants.name : query.sort === 'updatedAt' ? merchants.updatedAt : merchants.createdAt;
  return [dir(column), dir(merchants.id)];
}

export interface MerchantListRow extends Merchant {
  apps: Pick<MerchantApp, 'authAppId' | 'appName' | 'status'>[];
}

export function listMerchants(db: Db, query: MerchantListQuery): { rows: MerchantListRow[]; total: number } {
  const where = merchantWhere(query);
  const total = db.select({ n: sql<number>`count(*)` }).from(merchants).where(where).get()?.n ?? 0;
  const page = db
    .select()
    .from(merchants)
    .where(where)
    .orderBy(...orderBy(query))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .all();
  const apps = page.length
    ? db
        .select({ merchantId: merchantApps.merchantId, authAppId: merchantApps.authAppId, appName: merchantApps.appName, status: merchantApps.status })
        .from(merchantApps)
        .where(inArray(merchantApps.merchantId, page.map((m) => m.id)))
        .orderBy(asc(merchantApps.id))
        .all()
    : [];
  return {
    rows: page.map((m) => ({ ...m, apps: apps.filter((a) => a.merchantId === m.id).map(({ merchantId: _m, ...a }) => a) })),
    total,
  };
}

/** Every merchant the filter matches, for the CSV export (sorted as the list). */
export function* iterateMerchants(db: Db, query: MerchantListQuery, batch = 1000): Generator<MerchantListRow[]> {
  let page = 1;
  for (;;) {
    const { rows } = listMerchants(db, { ...query, page, pageSize: batch });
    if (!rows.length) return;
    yield rows;
    if (rows.length < batch) return;
    page++;
  }
}

export function findMerchant(db: Db, id: number): Merchant | undefined {
  return prepared(db, 'merchants.find', (d) => d.select().from(merchants).where(eq(merchants.id, sql.placeholder('id'))).prepare()).get({ id });
}

/** Another merchant with this name (case-insensitive) or mobile, for the duplicate checks. */
export function findDuplicate(db: Db, input: { name: string; mobile: string }, exceptId?: number): { field: 'name' | 'mobile'; merchant: Merchant } | null {
  const other = exceptId ? ne(merchants.id, exceptId) : undefined;
  const byName = db
    .select()
    .from(merchants)
    .where(and(sql`lower(${merchants.name}) = lower(${input.name})`, other))
    .get();
  if (byName) return { field: 'name', merchant: byName };
  const byMobile = db
    .select()
    .from(merchants)
    .where(and(eq(merchants.mobile, input.mobile), other))
    .get();
  return byMobile ? { field: 'mobile', merchant: byMobile } : null;
}

/** Names (lower-cased) and mobiles already taken, for checking a whole CSV file at once. */
export function takenNamesAndMobiles(db: Db): { names: Set<string>; mobiles: Set<string> } {
  const rows = db.select({ name: merchants.name, mobile: merchants.mobile }).from(merchants).all();
  return { names: new Set(rows.map((r) => r.name.toLowerCase())), mobiles: new Set(rows.map((r) => r.mobile)) };
}

export function insertMerchant(db: Db, values: NewMerchant): Merchant {
  const now = new Date();
  return db
    .insert(merchants)
    .values({ createdAt: now, updatedAt: now, ...values })
    .returning()
    .get();
}

/** Inserts many merchants in one immediate transaction (seeding). */
export function insertMerchantRows(db: Db, rows: readonly NewMerchant[]): void {
  db.transaction(
    () => {
      for (let i = 0; i < rows.length; i += 200) db.insert(merchants).values(rows.slice(i, i + 200)).run();
    },
    { behavior: 'immediate' },
  );
}

export function updateMerchant(db: Db, id: number, patch: Partial<Omit<NewMerchant, 'id' | 'createdAt'>>): Merchant | undefined {
  return db
    .update(merchants)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(merchants.id, id))
    .returning()
    .get();
}

export function deleteMerchant(db: Db, id: number): void {
  db.delete(merchants).where(eq(merchants.id, id)).run();
}

/** The merchant's status as the list shows it, from its mini-programs. */
export function hasAuthorizedApps(db: Db, merchantId: number): boolean {
  return !!db
    .select({ id: merchantApps.id })
    .from(merchantApps)
    .where(and(eq(merchantApps.merchantId, merchantId), eq(merchantApps.status, 'authorized')))
    .get();
}

export function recomputeAuthStatus(db: Db, merchantId: number): MerchantAuthStatus {
  const statuses = db.select({ status: merchantApps.status }).from(merchantApps).where(eq(merchantApps.merchantId, merchantId)).all();
  const status: MerchantAuthStatus = statuses.some((s) => s.status === 'authorized')
    ? 'authorized'
    : statuses.length
      ? 'cancelled'
      : 'unauthorized';
  db.update(merchants).set({ authStatus: status }).where(eq(merchants.id, merchantId)).run();
  return status;
}

export function countMerchants(db: Db): { total: number; authorized: number } {
  const row = db
    .select({
      total: sql<number>`count(*)`,
      authorized: sql<number>`coalesce(sum(case when ${merchants.authStatus} = 'authorized' then 1 else 0 end), 0)`,
    })
    .from(merchants)
    .where(isNull(merchants.archivedAt))
    .get();
  return { total: row?.total ?? 0, authorized: row?.authorized ?? 0 };
}
