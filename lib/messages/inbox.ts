// The staff inbox: reading, filtering and marking messages read. One shared inbox for the team (posting is
// lib/messages/post.ts). No authorization here; callers check roles.
import { and, count, desc, eq, inArray, isNotNull, isNull, like, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { merchants, messages, type Message } from '@/db/schema';

export interface InboxFilter {
  /** An exact type (`audit.rejected`) or a group, the part before the dot (`audit`). */
  type?: string;
  merchantId?: number;
  unread?: boolean;
}

export interface InboxRow extends Message {
  merchantName: string | null;
}

function where(filter: InboxFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (filter.type) parts.push(filter.type.includes('.') ? eq(messages.type, filter.type) : or(eq(messages.type, filter.type), like(messages.type, `${filter.type}.%`))!);
  if (filter.merchantId) parts.push(eq(messages.merchantId, filter.merchantId));
  if (filter.unread) parts.push(isNull(messages.readAt));
  return parts.length ? and(...parts) : undefined;
}

export function listInbox(db: Db, filter: InboxFilter, page: number, pageSize: number): { rows: InboxRow[]; total: number } {
  const cond = where(filter);
  const rows = db
    .select({ m: messages, merchantName: merchants.name })
    .from(messages)
    .leftJoin(merchants, eq(merchants.id, messages.merchantId))
    .where(cond)
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map(({ m, merchantName }) => ({ ...m, merchantName }));
  const total = db.select({ n: count() }).from(messages).where(cond).get()?.n ?? 0;
  return { rows, total };
}

export function countUnread(db: Db): number {
  return db.select({ n: count() }).from(messages).where(isNull(messages.readAt)).get()?.n ?? 0;
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

export function markRead(db: Db, ids: number[], now: Date = new Date()): number {
  if (!ids.length) return 0;
  return db
    .update(messages)
    .set({ readAt: now })
    .where(and(inArray(messages.id, ids), isNull(messages.readAt)))
    .run().changes;
}

/** Marks every unread message matching the filter read; returns how many. */
export function markAllRead(db: Db, filter: InboxFilter, now: Date = new Date()): number {
  const cond = where({ ...filter, unread: true });
  return db.update(messages).set({ readAt: now }).where(cond).run().changes;
}
