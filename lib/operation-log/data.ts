// The operation log's reads and writes, and the names its sentences mention. No auth.
import { and, count, desc, eq, gte, inArray, like, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { batches, merchantApps, merchants, operationLogs, users, type NewOperationLog, type OperationLog } from '@/db/schema';

export interface OperationFilter {
  actor?: string;
  action?: string;
  result?: 'ok' | 'error' | 'refused';
  target?: string;
  from?: Date;
  to?: Date;
}

export function insertOperationLog(db: Db, values: NewOperationLog): void {
  db.insert(operationLogs).values(values).run();
}

function conditionOf(filter: OperationFilter): SQL | undefined {
  const where: SQL[] = [];
  if (filter.actor) where.push(like(operationLogs.actorEmail, `%${filter.actor}%`));
  if (filter.action) where.push(like(operationLogs.action, `${filter.action}%`));
  if (filter.result) where.push(eq(operationLogs.result, filter.result));
  if (filter.target) {
    where.push(or(eq(operationLogs.targetId, filter.target), like(operationLogs.input, `%${filter.target}%`))!);
  }
  if (filter.from) where.push(gte(operationLogs.at, filter.from));
  if (filter.to) where.push(lte(operationLogs.at, filter.to));
  return where.length ? and(...where) : undefined;
}

export function listOperations(
  db: Db,
  filter: OperationFilter,
  page: number,
  pageSize: number,
): { rows: OperationLog[]; total: number } {
  const cond = conditionOf(filter);
  const rows = db
    .select()
    .from(operationLogs)
    .where(cond)
    .orderBy(desc(operationLogs.at), desc(operationLogs.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total = db.select({ n: count() }).from(operationLogs).where(cond).get()?.n ?? 0;
  return { rows, total };
}

/** Every record matching the filter, newest first, read in pages of `chunk` (for exports). */
export function* eachOperation(db: Db, filter: OperationFilter, chunk = 1000): Generator<OperationLog[]> {
  const cond = conditionOf(filter);
  for (let offset = 0; ; offset += chunk) {
    const rows = db.select().from(operationLogs).where(cond).orderBy(desc(operationLogs.at), desc(operationLogs.id)).limit(chunk).offset(offset).all();
    if (rows.length) yield rows;
    if (rows.length < chunk) return;
  }
}

export function listActionNames(db: Db): string[] {
  return db
    .selectDistinct({ action: operationLogs.action })
    .from(operationLogs)
    .orderBy(operationLogs.action)
    .all()
    .map((r) => r.action);
}

// The names a page of records mentions, each read in chunks of ids (SQLite's limit on bound parameters).
function chunked<T, R>(ids: T[], read: (part: T[]) => R[]): R[] {
  const out: R[] = [];
  for (let i = 0; i < ids.length; i += 300) out.push(...read(ids.slice(i, i + 300)));
  return out;
}

/** Each user's name, or email when it has none. */
export function userNamesOf(db: Db, ids: number[]): Map<number, string> {
  const rows = chunked(ids, (p) => db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, p)).all());
  return new Map(rows.map((u) => [u.id, u.name || u.email]));
}

/** Merchant names by id (as a string, the way a record stores its target). */
export function merchantNamesOf(db: Db, ids: number[]): Map<string, string> {
  const rows = chunked(ids, (p) => db.select({ id: merchants.id, name: merchants.name }).from(merchants).where(inArray(merchants.id, p)).all());
  return new Map(rows.map((m) => [String(m.id), m.name]));
}

/** Mini-program names by app id, for those that have one. */
export function appNamesOf(db: Db, appIds: string[]): Map<string, string> {
  const rows = chunked(appIds, (p) => db.select({ id: merchantApps.authAppId, name: merchantApps.appName }).from(merchantApps).where(inArray(merchantApps.authAppId, p)).all());
  return new Map(rows.filter((a) => a.name).map((a) => [a.id, a.name!]));
}

/** Each batch's operation by id (as a string). */
export function batchOperationsOf(db: Db, ids: number[]): Map<string, string> {
  const rows = chunked(ids, (p) => db.select({ id: batches.id, operation: batches.operation }).from(batches).where(inArray(batches.id, p)).all());
  return new Map(rows.map((b) => [String(b.id), b.operation]));
}
