// The console's own tables. The sandbox keeps its state in a separate file and schema (lib/sandbox/db).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const ROLES = ['owner', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    firstFailedLoginAt: integer('first_failed_login_at', { mode: 'timestamp_ms' }),
    lockedUntil: integer('locked_until', { mode: 'timestamp_ms' }),
    lastLoginAt: integer('last_login_at', { mode: 'timestamp_ms' }),
    // Bumped on password reset / disable so that older sessions stop working.
    sessionVersion: integer('session_version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
);
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

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
    detail: text('detail'),
  },
  (t) => [
    index('operation_logs_at_idx').on(t.at),
    index('operation_logs_actor_idx').on(t.actorId, t.at),
    index('operation_logs_action_idx').on(t.action, t.at),
    index('operation_logs_target_idx').on(t.targetType, t.targetId),
  ],
);
export type OperationLog = typeof operationLogs.$inferSelect;

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
export * from './schema-versions';
