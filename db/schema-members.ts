// What the console keeps beside the platform for the Members and Codes tabs (the platform has no field for these).
// Re-exported from db/schema.ts.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { merchantApps, users } from './schema-core';

/**
 * A member as the console knows them: the account staff typed, a remark and who invited them. The platform returns
 * only a masked account, so a row is linked to the platform's `user_id` once a masked account matches it.
 */
export const memberNotes = sqliteTable(
  'member_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    logonId: text('logon_id').notNull(),
    userId: text('user_id'),
    remark: text('remark'),
    invitedById: integer('invited_by_id').references(() => users.id, { onDelete: 'set null' }),
    invitedByEmail: text('invited_by_email'),
    /** Invited by a batch rather than from the tab. */
    batchId: integer('batch_id'),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('member_notes_app_role_logon_unique').on(t.merchantAppId, t.role, t.logonId), index('member_notes_user_idx').on(t.merchantAppId, t.userId)],
);
export type MemberNote = typeof memberNotes.$inferSelect;

/** Every mini-program code generated from the console, so the same code can be found and downloaded again. */
export const pageCodes = sqliteTable(
  'page_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    urlParam: text('url_param').notNull(),
    queryParam: text('query_param'),
    describe: text('describe').notNull(),
    size: text('size').notNull(),
    color: text('color'),
    qrCodeUrl: text('qr_code_url').notNull(),
    circleWhiteUrl: text('circle_white_url'),
    circleBlueUrl: text('circle_blue_url'),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    batchId: integer('batch_id'),
    createdAt: createdAt(),
  },
  (t) => [index('page_codes_app_idx').on(t.merchantAppId, t.createdAt)],
);
export type PageCode = typeof pageCodes.$inferSelect;
export type NewPageCodeRow = typeof pageCodes.$inferInsert;

/** The page each ordinary-QR rule opens: the platform's query does not return it. */
export const qrRoutePages = sqliteTable(
  'qr_route_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantAppId: integer('merchant_app_id')
      .notNull()
      .references(() => merchantApps.id, { onDelete: 'cascade' }),
    routeGroup: text('route_group').notNull(),
    routeUrl: text('route_url').notNull(),
    mode: text('mode').notNull(),
    pageRedirection: text('page_redirection').notNull(),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdByEmail: text('created_by_email').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('qr_route_pages_group_unique').on(t.merchantAppId, t.routeGroup)],
);
export type QrRoutePage = typeof qrRoutePages.$inferSelect;
