// The staff inbox's reads and writes: listing, filtering and marking messages read (one shared inbox for the team,
// with each staff member's own read state in message_reads), and posting. No authorization here; callers check
// roles and pass the reader's id.
import { and, count, desc, eq, gte, inArray, isNotNull, like, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchants, messageReads, messages, type Message, type NewMessage } from '@/db/schema';

export interface InboxFilter {
  /** An exact type (`audit.rejected`) or a group, the part before the dot (`audit`). */
  type?: string;
  merchantId?: number;
  unread?: boolean;
}

export interface InboxRow extends Message {
  merchantName: string | null;
  /** Whether this reader has read it. */
  read: boolean;
}

function unreadBy(db: Db, userId: number): SQL {
  return notExists(
    db
      .select({ one: sql`1` })
      .from(messageReads)
      .where(and(eq(messageReads.messageId, messages.id), eq(messageReads.userId, userId))),
  );
}

function where(db: Db, userId: number, filter: InboxFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.type) parts.push(filter.type.includes('.') ? eq(messages.type, filter.type) : or(eq(messages.type, filter.type), like(messages.type, `${filter.type}.%`))!);
  if (filter.merchantId) parts.push(eq(messages.merchantId, filter.merchantId));
  if (filter.unread) parts.push(unreadBy(db, userId));
  return parts.length ? and(...parts) : undefined;
}

export function listInbox(db: Db, userId: number, filter: InboxFilter, page: number, pageSize: number): { rows: InboxRow[]; total: number } {
  const cond = where(db, userId, filter);
  const rows = db
    .select({ m: messages, merchantName: merchants.name, readAt: messageReads.readAt })
    .from(messages)
    .leftJoin(merchants, eq(merchants.id, messages.merchantId))
    .leftJoin(messageReads, and(eq(messageReads.messageId, messages.id), eq(messageReads.userId, userId)))
    .where(cond)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map(({ m, merchantName, readAt }) => ({ ...m, readAt, merchantName, read: readAt !== null }));
  const total = db.select({ n: count() }).from(messages).where(cond).get()?.n ?? 0;
  return { rows, total };
}

export function countUnread(db: Db, userId: number): number {
  return db.select({ n: count() }).from(messages).where(unreadBy(db, userId)).get()?.n ?? 0;
}

/** The types present, for the filter. */
export function inboxTypes(db: Db): string[] {
  return db
    .selectDistinct({ type: messages.type })
    .from(messages)
    .orderBy(messages.type)
    .all()
    .map((r) => r.type);
}

/** Merchants that have messages, for the filter. */
export function inboxMerchants(db: Db): { id: number; name: string }[] {
  return db
    .selectDistinct({ id: merchants.id, name: merchants.name })
    .from(messages)
    .innerJoin(merchants, eq(merchants.id, messages.merchantId))
    .where(isNotNull(messages.merchantId))
    .orderBy(merchants.name)
    .all();
}

/** Marks messages read for one reader; returns how many were unread for them. */
export function markRead(db: Db, userId: number, ids: number[], now: Date = new Date()): number {
  if (!ids.length) return 0;
  const existing = db.select({ id: messages.id }).from(messages).where(inArray(messages.id, ids)).all();
  if (!existing.length) return 0;
  return db
    .insert(messageReads)
    .values(existing.map((m) => ({ messageId: m.id, userId, readAt: now })))
    .onConflictDoNothing()
    .run().changes;
}

/** Marks every message matching the filter read for one reader; returns how many were unread for them. */
export function markAllRead(db: Db, userId: number, filter: InboxFilter, now: Date = new Date()): number {
  const cond = where(db, userId, { ...filter, unread: true });
  const ids = db.select({ id: messages.id }).from(messages).where(cond).all();
  let changed = 0;
  // In chunks: SQLite limits the number of bound parameters per statement.
  for (let i = 0; i < ids.length; i += 300) {
    changed += db
      .insert(messageReads)
      .values(ids.slice(i, i + 300).map((m) => ({ messageId: m.id, userId, readAt: now })))
      .onConflictDoNothing()
      .run().changes;
  }
  return changed;
}

/** Whether a message of this type about this mini-program was posted at or after `since` (to post a notice once). */
export function hasMessageSince(db: Db, type: string, miniAppId: string, since: Date): boolean {
  return !!db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.type, type), eq(messages.miniAppId, miniAppId), gte(messages.createdAt, since)))
    .limit(1)
    .get();
}

export function insertMessage(db: Db, values: NewMessage): Message {
  return db.insert(messages).values(values).returning().get();
}
