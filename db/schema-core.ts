// The root tables every other console table refers to (staff, merchants, their authorization and mini-programs).
// It imports no other schema file, so the schema-*.ts files import from here and db/schema.ts only re-exports.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt } from './columns';
import { ROLES } from '../lib/auth/roles';
import { INDUSTRIES, MERCHANT_AUTH_STATUSES, MINI_APP_STATUSES } from '../lib/merchants/vocabulary';

export { ROLES, type Role } from '../lib/auth/roles';
export { INDUSTRIES, MERCHANT_AUTH_STATUSES, MINI_APP_STATUSES, type Industry, type MerchantAuthStatus, type MiniAppStatus } from '../lib/merchants/vocabulary';

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

export const merchants = sqliteTable(
  'merchants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    contactName: text('contact_name').notNull(),
    mobile: text('mobile').notNull(),
    email: text('email'),
    industry: text('industry', { enum: INDUSTRIES }).notNull(),
    address: text('address'),
    remarks: text('remarks'),
    authStatus: text('auth_status', { enum: MERCHANT_AUTH_STATUSES }).notNull().default('unauthorized'),
    archivedAt: integer('archived_at', { mode: 'timestamp_ms' }),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('merchants_name_unique').on(t.name),
    uniqueIndex('merchants_mobile_unique').on(t.mobile),
    // The list always filters on archived_at and sorts by one column; each filter gets its own ordered index.
    index('merchants_list_created_idx').on(t.archivedAt, t.createdAt),
    index('merchants_list_status_idx').on(t.archivedAt, t.authStatus, t.createdAt),
    index('merchants_list_industry_idx').on(t.archivedAt, t.industry, t.createdAt),
    index('merchants_list_updated_idx').on(t.archivedAt, t.updatedAt),
    index('merchants_list_name_idx').on(t.archivedAt, t.name),
    // Covers the list's text search (lib/merchants/data.ts uses the very same expression), so a search scans
    // this index instead of every row.
    index('merchants_search_idx').on(t.archivedAt, sql`(${t.name} || char(31) || ${t.contactName} || char(31) || ${t.mobile})`),
  ],
);
export type Merchant = typeof merchants.$inferSelect;
export type NewMerchant = typeof merchants.$inferInsert;

/** A link the merchant opens to authorize; only a hash of its token is kept. */
export const authorizationLinks = sqliteTable(
  'authorization_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** The token's last characters, so staff can tell links apart without the token. */
    tokenHint: text('token_hint').notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    lastOpenedAt: integer('last_opened_at', { mode: 'timestamp_ms' }),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('authorization_links_token_hash_unique').on(t.tokenHash), index('authorization_links_merchant_idx').on(t.merchantId, t.createdAt)],
);
export type AuthorizationLink = typeof authorizationLinks.$inferSelect;

/** A merchant's mini-program authorized to the ISV app. Tokens are AES-256-GCM ciphertexts, never plain text. */
export const merchantApps = sqliteTable(
  'merchant_apps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    merchantId: integer('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    authAppId: text('auth_app_id').notNull(),
    /** The authorizing Alipay account (2088…). */
    userId: text('user_id'),
    appName: text('app_name'),
    status: text('status', { enum: MINI_APP_STATUSES }).notNull(),
    appAuthTokenEnc: text('app_auth_token_enc'),
    appRefreshTokenEnc: text('app_refresh_token_enc'),
    /** HMAC of the current app_auth_token: matches a cancellation message to the token it names. */
    tokenDigest: text('token_digest'),
    tokenExpiresAt: integer('token_expires_at', { mode: 'timestamp_ms' }),
    refreshExpiresAt: integer('refresh_expires_at', { mode: 'timestamp_ms' }),
    authorizedAt: integer('authorized_at', { mode: 'timestamp_ms' }).notNull(),
    lastRefreshedAt: integer('last_refreshed_at', { mode: 'timestamp_ms' }),
    lastRefreshError: text('last_refresh_error'),
    lastCheckedAt: integer('last_checked_at', { mode: 'timestamp_ms' }),
    lastCheckResult: text('last_check_result', { enum: ['valid', 'invalid', 'error'] }),
    lastCheckError: text('last_check_error'),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    endedReason: text('ended_reason'),
    /** `first_second;…`: baseinfo.query returns names only, so the console keeps the ids it set. */
    categoryIds: text('category_ids'),
    /** Set once the platform reports the mini-program has been online: name and English name are frozen. */
    nameFrozenAt: integer('name_frozen_at', { mode: 'timestamp_ms' }),
    linkId: integer('link_id').references(() => authorizationLinks.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('merchant_apps_auth_app_id_unique').on(t.authAppId),
    index('merchant_apps_merchant_idx').on(t.merchantId, t.status),
    index('merchant_apps_refresh_idx').on(t.status, t.refreshExpiresAt),
    index('merchant_apps_checked_idx').on(t.status, t.lastCheckedAt),
    // The dashboard's funnel and attention counts go from the status to the merchant.
    index('merchant_apps_status_merchant_idx').on(t.status, t.merchantId),
  ],
);
export type MerchantApp = typeof merchantApps.$inferSelect;

/**
 * What the platform last said about a mini-program (baseinfo.query as JSON, its online version) and when, so pages
 * render from the console's records and read the platform again behind the page once that is old.
 */
export const miniAppSnapshots = sqliteTable('mini_app_snapshots', {
  merchantAppId: integer('merchant_app_id')
    .primaryKey()
    .references(() => merchantApps.id, { onDelete: 'cascade' }),
  baseInfo: text('base_info'),
  /** Null when never read, or when a change made from the console could not be read back. */
  fetchedAt: integer('fetched_at', { mode: 'timestamp_ms' }),
  onlineVersion: text('online_version'),
  onlineFetchedAt: integer('online_fetched_at', { mode: 'timestamp_ms' }),
});
export type MiniAppSnapshotRow = typeof miniAppSnapshots.$inferSelect;

/** Single use of an OAuth `state`: its nonce is recorded when the callback consumes it. */
export const oauthStateUses = sqliteTable('oauth_state_uses', {
  nonce: text('nonce').primaryKey(),
  linkId: integer('link_id').notNull(),
  usedAt: integer('used_at', { mode: 'timestamp_ms' }).notNull(),
  /** Past this the state would be refused as expired anyway: the row can be deleted. */
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
});
