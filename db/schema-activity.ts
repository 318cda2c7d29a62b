// What happened: the operation log, the platform's notifications, the staff inbox and profile changes.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { merchantApps, merchants, users } from './schema-core';

export const operationLogs = sqliteTable(
  'operation_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: createdAt(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    input: text('input'),
    result: text('result', { enum: ['ok', 'error', 'refused'] }).notNull(),
    /** A catalog key (an action's refusal or error) or plain text; rendered in the reader's language. */
    detail: text('detail'),
    /** JSON: the parameters of `detail` when it is a catalog key. */
    detailParams: text('detail_params'),
  },
  (t) => [
    index('operation_logs_at_idx').on(t.at),
    index('operation_logs_actor_idx').on(t.actorId, t.at),
    index('operation_logs_action_idx').on(t.action, t.at),
    index('operation_logs_target_idx').on(t.targetType, t.targetId),
  ],
);
export type OperationLog = typeof operationLogs.$inferSelect;
export type NewOperationLog = typeof operationLogs.$inferInsert;

/** Every verified notification or message from Alipay, kept once per notify_id (replays are refused). */
export const alipayNotifications = sqliteTable(
  'alipay_notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    notifyId: text('notify_id').notNull(),
    kind: text('kind').notNull(),
    authAppId: text('auth_app_id'),
    payload: text('payload').notNull(),
    receivedAt: createdAt(),
    processedAt: integer('processed_at', { mode: 'timestamp_ms' }),
    processError: text('process_error'),
  },
  (t) => [uniqueIndex('alipay_notifications_notify_id_unique').on(t.notifyId), index('alipay_notifications_kind_idx').on(t.kind, t.receivedAt)],
);
export type AlipayNotification = typeof alipayNotifications.$inferSelect;

/** Profile (base info) changes made from the console: who, which fields before and after, and the platform's answer. */
export const profileChanges = sqliteTable(
  'profile_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    /** JSON: `{ field: { before, after } }`. */
    changes: text('changes').notNull(),
    modifyStatus: text('modify_status'),
    createdAt: createdAt(),
  },
  (t) => [index('profile_changes_app_idx').on(t.merchantAppId, t.createdAt)],
);
export type ProfileChange = typeof profileChanges.$inferSelect;

/** The staff inbox: authorization changes, audit results and system notices. */
export const messages = sqliteTable(
  'messages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type').notNull(),
    /** `inbox.notices.<name>`: rendered in the reader's language from its `title`/`body` with `params`. */
    key: text('key'),
    /** JSON parameters of `key`; a value `{ "t": "<key>" }` is itself translated. */
    params: text('params'),
    /** Plain text when `key` is null (older rows, platform texts); otherwise the zh-CN rendering, for reference. */
    title: text('title').notNull(),
    body: text('body'),
    merchantId: integer('merchant_id').references(() => merchants.id, { onDelete: 'set null' }),
    miniAppId: text('mini_app_id'),
    version: text('version'),
    link: text('link'),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('messages_created_idx').on(t.createdAt), index('messages_unread_idx').on(t.readAt, t.createdAt), index('messages_merchant_idx').on(t.merchantId, t.createdAt)],
);
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/**
 * Who has read which message: the inbox is shared, its read state is each staff member's own (one person marking
 * everything read must not hide alerts from the others). `messages.read_at` is no longer used.
 */
export const messageReads = sqliteTable(
  'message_reads',
  {
    messageId: integer('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: integer('read_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.messageId] })],
);
